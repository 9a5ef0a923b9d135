//! Teaching material: human names, properties, MathML formulas and notes for students.

use super::{Activation, Formula, Properties};

impl Activation {
    /// The human name, e.g. "Leaky ReLU", "GELU (tanh approx.)", "SiLU".
    pub fn label(&self) -> &'static str {
        match self {
            Activation::Custom(formula) => formula.text(),
            Activation::Identity => "Identity",
            Activation::Relu => "ReLU",
            Activation::LeakyRelu { .. } => "Leaky ReLU",
            Activation::Prelu { .. } => "PReLU",
            Activation::Elu { .. } => "ELU",
            Activation::Selu => "SELU",
            Activation::Celu { .. } => "CELU",
            Activation::Gelu => "GELU",
            Activation::GeluTanh => "GELU (tanh approx.)",
            Activation::Silu => "SiLU",
            Activation::Swish { .. } => "Swish",
            Activation::Mish => "Mish",
            Activation::Softplus { .. } => "Softplus",
            Activation::Sigmoid => "Sigmoid",
            Activation::Tanh => "Tanh",
            Activation::Softsign => "Softsign",
            Activation::Hardsigmoid => "Hard sigmoid",
            Activation::Hardswish => "Hard swish",
            Activation::Hardtanh => "Hard tanh",
            Activation::Relu6 => "ReLU6",
            Activation::LogSigmoid => "Log-sigmoid",
            Activation::Tanhshrink => "Tanh shrink",
            Activation::Softshrink { .. } => "Soft shrink",
            Activation::Hardshrink { .. } => "Hard shrink",
        }
    }

    /// Yes/no facts about the function for its current parameter.
    pub fn properties(&self) -> Properties {
        // The shapes the catalogue has; each entry below adjusts one of them.
        let unbounded_line = Properties {
            monotonic: true,
            smooth: true,
            bounded_below: false,
            bounded_above: false,
            zero_centred: true,
            self_gated: false,
            dying_region: false,
            saturates_left: false,
            saturates_right: false,
        };
        let squashing = Properties {
            bounded_below: true,
            bounded_above: true,
            saturates_left: true,
            saturates_right: true,
            ..unbounded_line
        };
        let exponential_left = Properties { bounded_below: true, saturates_left: true, ..unbounded_line };
        let self_gated = Properties { monotonic: false, self_gated: true, ..exponential_left };
        let flat_outside = Properties { smooth: false, dying_region: true, ..squashing };
        match *self {
            Activation::Identity | Activation::Tanhshrink => unbounded_line,
            Activation::Relu => Properties {
                smooth: false,
                bounded_below: true,
                zero_centred: false,
                dying_region: true,
                saturates_left: true,
                ..unbounded_line
            },
            Activation::LeakyRelu { slope: k } | Activation::Prelu { a: k } => Properties {
                smooth: k == 1.0,
                bounded_below: k == 0.0,
                zero_centred: k > 0.0,
                dying_region: k == 0.0,
                saturates_left: k == 0.0,
                ..unbounded_line
            },
            Activation::Elu { alpha } => Properties { smooth: alpha == 1.0, ..exponential_left },
            Activation::Selu => Properties { smooth: false, ..exponential_left },
            Activation::Celu { .. } => exponential_left,
            Activation::Gelu
            | Activation::GeluTanh
            | Activation::Silu
            | Activation::Swish { .. }
            | Activation::Mish => self_gated,
            Activation::Hardswish => Properties { smooth: false, dying_region: true, ..self_gated },
            Activation::Softplus { .. } => Properties { zero_centred: false, ..exponential_left },
            Activation::Sigmoid => Properties { zero_centred: false, ..squashing },
            Activation::Tanh | Activation::Softsign => squashing,
            Activation::Hardtanh => flat_outside,
            Activation::Hardsigmoid | Activation::Relu6 => Properties { zero_centred: false, ..flat_outside },
            Activation::LogSigmoid => {
                // f′ = σ(−x): it fades on the right only.
                Properties {
                    bounded_above: true,
                    zero_centred: false,
                    saturates_right: true,
                    ..unbounded_line
                }
            }
            Activation::Softshrink { lambda } | Activation::Hardshrink { lambda } => {
                Properties { smooth: lambda == 0.0, dying_region: lambda > 0.0, ..unbounded_line }
            }
            Activation::Custom(formula) => formula.analysis().properties,
        }
    }

    /// MathML for f and f' (the inner content of a `<math>` element), each a whole equation
    /// `f(x) = …`, `f′(x) = …`, written with the parameter's symbol (see [`Activation::param`])
    /// rather than its value.
    pub fn formula_mathml(&self) -> Formula {
        let x = mi("x");
        let one = mn("1");
        let neg_x = cat(&[mo("−"), x.clone()]);
        let sigma_x = call("σ", &x);
        let (f, df) = match *self {
            Activation::Identity => (x, one),
            Activation::Relu => (
                cat(&[mi("max"), paren(&cat(&[mn("0"), mo(","), x]))]),
                cases(&[(one, gt0()), (mn("0"), le0())]),
            ),
            Activation::LeakyRelu { .. } | Activation::Prelu { .. } => {
                let k = self.symbol();
                (
                    cases(&[(x.clone(), gt0()), (cat(&[k.clone(), x]), le0())]),
                    cases(&[(one, gt0()), (k, le0())]),
                )
            }
            Activation::Elu { .. } | Activation::Selu => {
                let alpha = mi("α");
                let f = cases(&[
                    (x.clone(), gt0()),
                    (cat(&[alpha.clone(), paren(&cat(&[exp(&x), minus_one()]))]), le0()),
                ]);
                let df = cases(&[(one, gt0()), (cat(&[alpha.clone(), exp(&x)]), le0())]);
                if *self == Activation::Selu {
                    let lambda = mi("λ");
                    let constants = cat(&[
                        "<mspace width=\"1em\"/>".to_string(),
                        lambda.clone(),
                        mo("≈"),
                        mn("1.0507"),
                        mo(","),
                        alpha,
                        mo("≈"),
                        mn("1.6733"),
                    ]);
                    (cat(&[lambda.clone(), f, constants]), cat(&[lambda, df]))
                } else {
                    (f, df)
                }
            }
            Activation::Celu { .. } => {
                let alpha = mi("α");
                let e = exp(&frac(&x, &alpha));
                (
                    cases(&[(x, gt0()), (cat(&[alpha, paren(&cat(&[e.clone(), minus_one()]))]), le0())]),
                    cases(&[(one, gt0()), (e, le0())]),
                )
            }
            Activation::Gelu => {
                let cdf = call("Φ", &x);
                let erf = call("erf", &frac(&x, &sqrt(&mn("2"))));
                let pdf = frac(
                    &exp(&cat(&[mo("−"), frac(&sup(&x, &mn("2")), &mn("2"))])),
                    &sqrt(&cat(&[mn("2"), mi("π")])),
                );
                (
                    cat(&[
                        x.clone(),
                        cdf.clone(),
                        mo("="),
                        frac(&x, &mn("2")),
                        paren(&cat(&[one, mo("+"), erf])),
                    ]),
                    cat(&[cdf, mo("+"), x, pdf]),
                )
            }
            Activation::GeluTanh => {
                let u = mi("u");
                let one_plus_tanh = paren(&cat(&[one.clone(), mo("+"), mi("tanh"), u.clone()]));
                let cubic = cat(&[x.clone(), mo("+"), mn("0.044715"), sup(&x, &mn("3"))]);
                let where_u = cat(&[
                    "<mspace width=\"1em\"/>".to_string(),
                    u.clone(),
                    mo("="),
                    sqrt(&frac(&mn("2"), &mi("π"))),
                    paren(&cubic),
                ]);
                let du = cat(&[
                    sqrt(&frac(&mn("2"), &mi("π"))),
                    paren(&cat(&[one.clone(), mo("+"), mn("0.134145"), sup(&x, &mn("2"))])),
                ]);
                (
                    cat(&[frac(&x, &mn("2")), one_plus_tanh.clone(), where_u]),
                    cat(&[
                        frac(&one, &mn("2")),
                        one_plus_tanh,
                        mo("+"),
                        frac(&x, &mn("2")),
                        sup(&mi("sech"), &mn("2")),
                        u,
                        du,
                    ]),
                )
            }
            Activation::Silu | Activation::Swish { .. } => {
                let arg = if *self == Activation::Silu { x.clone() } else { cat(&[mi("β"), x.clone()]) };
                let s = call("σ", &arg);
                let e = exp(&cat(&[mo("−"), arg.clone()]));
                (
                    cat(&[x.clone(), s.clone(), mo("="), frac(&x, &cat(&[one.clone(), mo("+"), e]))]),
                    cat(&[
                        s.clone(),
                        paren(&cat(&[one.clone(), mo("+"), arg, paren(&cat(&[one, mo("−"), s]))])),
                    ]),
                )
            }
            Activation::Mish => {
                let softplus = call("ln", &cat(&[one, mo("+"), exp(&x)]));
                (
                    cat(&[x.clone(), call("tanh", &softplus)]),
                    cat(&[
                        call("tanh", &softplus),
                        mo("+"),
                        x,
                        sup(&mi("sech"), &mn("2")),
                        paren(&softplus),
                        sigma_x,
                    ]),
                )
            }
            Activation::Softplus { .. } => {
                let bx = cat(&[mi("β"), x]);
                (
                    cat(&[frac(&one, &mi("β")), call("ln", &cat(&[one.clone(), mo("+"), exp(&bx)]))]),
                    cat(&[
                        call("σ", &bx),
                        mo("="),
                        frac(&one, &cat(&[one.clone(), mo("+"), exp(&cat(&[mo("−"), bx.clone()]))])),
                    ]),
                )
            }
            Activation::Sigmoid => (
                cat(&[sigma_x.clone(), mo("="), frac(&one, &cat(&[one.clone(), mo("+"), exp(&neg_x)]))]),
                cat(&[sigma_x.clone(), paren(&cat(&[one, mo("−"), sigma_x]))]),
            ),
            Activation::Tanh => (
                cat(&[
                    mi("tanh"),
                    x.clone(),
                    mo("="),
                    frac(&cat(&[exp(&x), mo("−"), exp(&neg_x)]), &cat(&[exp(&x), mo("+"), exp(&neg_x)])),
                ]),
                cat(&[one, mo("−"), sup(&mi("tanh"), &mn("2")), x]),
            ),
            Activation::Softsign => {
                let denominator = cat(&[one.clone(), mo("+"), abs(&x)]);
                (frac(&x, &denominator), frac(&one, &sup(&paren(&denominator), &mn("2"))))
            }
            Activation::Hardsigmoid => (
                cases(&[
                    (mn("0"), le(&mn("−3"))),
                    (one.clone(), ge(&mn("3"))),
                    (cat(&[frac(&x, &mn("6")), mo("+"), frac(&one, &mn("2"))]), otherwise()),
                ]),
                cases(&[(frac(&one, &mn("6")), between(&mn("−3"), &mn("3"))), (mn("0"), otherwise())]),
            ),
            Activation::Hardswish => (
                cases(&[
                    (mn("0"), le(&mn("−3"))),
                    (x.clone(), ge(&mn("3"))),
                    (
                        frac(&cat(&[x.clone(), paren(&cat(&[x.clone(), mo("+"), mn("3")]))]), &mn("6")),
                        otherwise(),
                    ),
                ]),
                cases(&[
                    (mn("0"), lt(&mn("−3"))),
                    (one, gt(&mn("3"))),
                    (frac(&cat(&[mn("2"), x, mo("+"), mn("3")]), &mn("6")), otherwise()),
                ]),
            ),
            Activation::Hardtanh => (
                cases(&[(mn("−1"), le(&mn("−1"))), (one.clone(), ge(&one)), (x, otherwise())]),
                cases(&[(one.clone(), between(&mn("−1"), &one)), (mn("0"), otherwise())]),
            ),
            Activation::Relu6 => (
                cat(&[
                    mi("min"),
                    paren(&cat(&[mi("max"), paren(&cat(&[mn("0"), mo(","), x])), mo(","), mn("6")])),
                ]),
                cases(&[(one, between(&mn("0"), &mn("6"))), (mn("0"), otherwise())]),
            ),
            Activation::LogSigmoid => (
                cat(&[
                    mi("ln"),
                    sigma_x.clone(),
                    mo("="),
                    mo("−"),
                    call("ln", &cat(&[one.clone(), mo("+"), exp(&neg_x)])),
                ]),
                cat(&[one, mo("−"), sigma_x]),
            ),
            Activation::Tanhshrink => {
                (cat(&[x.clone(), mo("−"), mi("tanh"), x.clone()]), cat(&[sup(&mi("tanh"), &mn("2")), x]))
            }
            Activation::Softshrink { .. } => {
                let lambda = mi("λ");
                (
                    cases(&[
                        (cat(&[x.clone(), mo("−"), lambda.clone()]), gt(&lambda)),
                        (cat(&[x, mo("+"), lambda.clone()]), lt(&cat(&[mo("−"), lambda]))),
                        (mn("0"), otherwise()),
                    ]),
                    cases(&[(one, abs_gt_lambda()), (mn("0"), otherwise())]),
                )
            }
            Activation::Hardshrink { .. } => (
                cases(&[(x, abs_gt_lambda()), (mn("0"), otherwise())]),
                cases(&[(one, abs_gt_lambda()), (mn("0"), otherwise())]),
            ),
            Activation::Custom(formula) => (
                super::formula::mathml::markup(formula.expr()),
                super::formula::mathml::markup(formula.derivative_expr()),
            ),
        };
        Formula { f: cat(&[lhs(false), f]), df: cat(&[lhs(true), df]) }
    }

    /// The parameter's symbol as MathML (`<mi>α</mi>`), empty for parameter-free functions.
    fn symbol(&self) -> String {
        self.param().map(|p| mi(p.symbol)).unwrap_or_default()
    }

    /// Two or three plain sentences for students about what the function does and why it is used.
    pub fn notes(&self) -> &'static [&'static str] {
        match self {
            Activation::Identity => &[
                "The identity passes its input through unchanged, so a network of identity layers is one linear map however deep it is.",
                "It is what you use on the output of a regression model; as a hidden activation it shows why non-linearity is needed at all.",
            ],
            Activation::Relu => &[
                "ReLU keeps positive inputs and sets negative ones to zero, so it costs one comparison and many units output exactly zero (a sparse representation).",
                "Its slope is 1 on the positive side, so gradients pass through deep stacks without shrinking.",
                "A unit whose input stays negative for every example gets zero gradient and stops learning: it has died, and a large learning rate or a bad bias can kill many units at once.",
            ],
            Activation::LeakyRelu { .. } => &[
                "Leaky ReLU keeps a small slope α on the negative side instead of a flat zero.",
                "That small slope means a unit with negative input still gets some gradient, so it cannot die the way a ReLU unit can.",
            ],
            Activation::Prelu { .. } => &[
                "PReLU is a leaky ReLU whose negative slope a is learned together with the weights instead of being fixed.",
                "The network can pick a slope near 0 (ReLU-like) or near 1 (almost linear) for itself; here a is shown at its current value.",
            ],
            Activation::Elu { .. } => &[
                "ELU is the identity for positive inputs and bends smoothly towards −α for negative ones, so its outputs average closer to zero than ReLU's.",
                "Its negative side keeps a non-zero gradient near 0 and then saturates, so units do not die and large negative inputs are damped.",
                "Only with α = 1 do both sides have slope 1 at zero; for other α the derivative jumps there.",
            ],
            Activation::Selu => &[
                "SELU is ELU scaled by λ ≈ 1.0507 with α ≈ 1.6733; these constants are chosen so that activations with mean 0 and variance 1 keep mean 0 and variance 1 after a layer.",
                "With weights initialised with variance 1/fan-in (LeCun normal), a deep fully connected network then normalises itself without batch normalisation.",
                "The property holds only under those assumptions: other initialisations or dropout that is not alpha-dropout break it.",
            ],
            Activation::Celu { .. } => &[
                "CELU is ELU with the exponent divided by α, which makes its slope 1 at zero from both sides for every α.",
                "So it is continuously differentiable whatever α you choose, while still saturating at −α on the left.",
            ],
            Activation::Gelu => &[
                "GELU multiplies x by Φ(x), the probability that a standard normal variable is below x: inputs are kept or dropped smoothly according to how large they are.",
                "Because Φ is smooth and Φ(0) = 1/2, GELU has no corner at zero: its slope there is exactly 1/2, and it dips slightly below zero before flattening out.",
                "It is the activation of BERT and GPT-style transformers.",
            ],
            Activation::GeluTanh => &[
                "This is GELU with Φ(x) replaced by a tanh formula that avoids the error function; it differs from exact GELU by less than 0.001 everywhere.",
                "It was faster on older hardware and is still used to reproduce models such as GPT-2 exactly.",
            ],
            Activation::Silu => &[
                "SiLU multiplies x by its own sigmoid σ(x): the input gates itself, smoothly turning small and negative inputs off.",
                "It is smooth everywhere and dips to about −0.28 before returning to zero, so it is not monotonic.",
                "It is swish with β = 1 and is used in EfficientNet and many recent networks.",
            ],
            Activation::Swish { .. } => &[
                "Swish is x·σ(βx): β sets how sharp the gate is.",
                "As β grows, swish approaches ReLU; with β = 1 it is SiLU, and as β goes to 0 it approaches the line x/2.",
            ],
            Activation::Mish => &[
                "Mish is x·tanh(softplus(x)), another smooth self-gated function close to SiLU.",
                "It dips to about −0.31 and keeps a small negative output and gradient for negative inputs, which helps gradients flow.",
            ],
            Activation::Softplus { .. } => &[
                "Softplus is a smooth version of ReLU: ln(1 + e^(βx)) / β, always positive, with the sigmoid as its derivative.",
                "Larger β makes the bend sharper and closer to ReLU; where βx > 20 it is computed as x itself, as in PyTorch, because the difference is below rounding.",
            ],
            Activation::Sigmoid => &[
                "The sigmoid squashes any input into (0, 1), which makes it the natural output for a probability.",
                "Its slope is at most 1/4 and vanishes for large |x|, so gradients shrink through every sigmoid layer: deep sigmoid networks learn slowly (vanishing gradients).",
                "Its outputs are all positive, which also makes the next layer's weight updates zig-zag.",
            ],
            Activation::Tanh => &[
                "Tanh squashes inputs into (−1, 1) and is zero-centred: it is a sigmoid rescaled, tanh(x) = 2σ(2x) − 1.",
                "Its slope is 1 at zero but it saturates for large |x|, so it still suffers from vanishing gradients in deep networks.",
            ],
            Activation::Softsign => &[
                "Softsign x/(1 + |x|) squashes into (−1, 1) like tanh, but approaches its limits polynomially rather than exponentially.",
                "So it saturates more slowly and keeps more gradient for large inputs than tanh does.",
            ],
            Activation::Hardsigmoid => &[
                "Hard sigmoid replaces the sigmoid curve by a straight line from (−3, 0) to (3, 1), clipped flat outside.",
                "It is cheap to compute (no exponential), which is why mobile networks use it; outside [−3, 3] its gradient is exactly zero.",
            ],
            Activation::Hardswish => &[
                "Hard swish is x·hardsigmoid(x), a piecewise-polynomial copy of swish without any exponential.",
                "It is zero for x ≤ −3, the identity for x ≥ 3, and dips to −0.375 at x = −1.5; MobileNetV3 uses it for speed.",
            ],
            Activation::Hardtanh => &[
                "Hard tanh is the identity between −1 and 1 and clipped flat outside.",
                "Its gradient is exactly zero once |x| ≥ 1, so a unit pushed far into that region stops learning.",
            ],
            Activation::Relu6 => &[
                "ReLU6 is ReLU capped at 6, which keeps activations in a range that low-precision arithmetic represents well.",
                "It has two flat regions (below 0 and above 6) where the gradient is zero.",
            ],
            Activation::LogSigmoid => &[
                "Log-sigmoid is ln σ(x), computed as −softplus(−x) so that it stays accurate for large negative inputs.",
                "It is always negative and is mostly used inside losses, such as the logistic loss, rather than as a hidden activation.",
            ],
            Activation::Tanhshrink => &[
                "Tanh shrink is x − tanh(x): nearly flat around zero (it grows like x³/3) and parallel to x for large |x|.",
                "Small inputs are suppressed smoothly while large ones pass with slope approaching 1.",
            ],
            Activation::Softshrink { .. } => &[
                "Soft shrink sets inputs between −λ and λ to zero and moves the others λ closer to zero.",
                "It is the soft-thresholding step of sparse coding and denoising: small values are treated as noise.",
            ],
            Activation::Hardshrink { .. } => &[
                "Hard shrink sets inputs between −λ and λ to zero and passes the others unchanged.",
                "The function itself jumps at ±λ, and its gradient is zero on the whole interval [−λ, λ].",
            ],
            Activation::Custom(_) => &[
                "A function you wrote. Its derivative f′ is worked out exactly from the formula (symbolically), and its kinks, zones and properties are found from the function itself.",
                "A network trains with it like with any other activation. Where it is undefined for some inputs (log(x) for x ≤ 0, sqrt(x) for x < 0, 1/x at 0) training is refused.",
            ],
        }
    }
}

// MathML building blocks. The text inside comes from this file, so nothing needs escaping
// except `<` and `>`, which are written as entities where they occur.

fn mi(s: &str) -> String {
    format!("<mi>{s}</mi>")
}

fn mn(s: &str) -> String {
    format!("<mn>{s}</mn>")
}

fn mo(s: &str) -> String {
    format!("<mo>{s}</mo>")
}

/// The pieces side by side.
fn cat(pieces: &[String]) -> String {
    pieces.concat()
}

fn paren(inner: &str) -> String {
    format!("<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>")
}

/// A function name applied to a parenthesised argument, e.g. σ(x).
fn call(name: &str, arg: &str) -> String {
    cat(&[mi(name), paren(arg)])
}

fn frac(numerator: &str, denominator: &str) -> String {
    format!("<mfrac><mrow>{numerator}</mrow><mrow>{denominator}</mrow></mfrac>")
}

fn sup(base: &str, exponent: &str) -> String {
    format!("<msup><mrow>{base}</mrow><mrow>{exponent}</mrow></msup>")
}

fn sqrt(inner: &str) -> String {
    format!("<msqrt>{inner}</msqrt>")
}

fn abs(inner: &str) -> String {
    format!("<mrow><mo>|</mo>{inner}<mo>|</mo></mrow>")
}

/// e raised to `exponent`.
fn exp(exponent: &str) -> String {
    sup(&mi("e"), exponent)
}

fn minus_one() -> String {
    cat(&[mo("−"), mn("1")])
}

/// `f(x) =` or `f′(x) =`.
fn lhs(derivative: bool) -> String {
    let name = if derivative { "<msup><mi>f</mi><mo>′</mo></msup>".to_string() } else { mi("f") };
    cat(&[name, paren(&mi("x")), mo("=")])
}

/// A brace with one row per (expression, condition).
fn cases(rows: &[(String, String)]) -> String {
    let rows: String =
        rows.iter().map(|(expr, cond)| format!("<mtr><mtd>{expr}</mtd><mtd>{cond}</mtd></mtr>")).collect();
    format!("<mrow><mo>{{</mo><mtable columnalign=\"left\">{rows}</mtable></mrow>")
}

fn if_text() -> String {
    "<mtext>if&#160;</mtext>".to_string()
}

/// "if x <op> bound".
fn condition(op: &str, bound: &str) -> String {
    cat(&[if_text(), mi("x"), mo(op), bound.to_string()])
}

fn gt(bound: &str) -> String {
    condition("&gt;", bound)
}

fn lt(bound: &str) -> String {
    condition("&lt;", bound)
}

fn ge(bound: &str) -> String {
    condition("≥", bound)
}

fn le(bound: &str) -> String {
    condition("≤", bound)
}

fn gt0() -> String {
    gt(&mn("0"))
}

fn le0() -> String {
    le(&mn("0"))
}

/// "if lo < x < hi".
fn between(lo: &str, hi: &str) -> String {
    cat(&[if_text(), lo.to_string(), mo("&lt;"), mi("x"), mo("&lt;"), hi.to_string()])
}

fn abs_gt_lambda() -> String {
    cat(&[if_text(), abs(&mi("x")), mo("&gt;"), mi("λ")])
}

fn otherwise() -> String {
    "<mtext>otherwise</mtext>".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that every opening tag is closed in order (self-closing tags allowed).
    fn assert_balanced(markup: &str, what: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = markup;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').map(|e| start + e);
            let Some(end) = end else {
                panic!("{what}: unterminated tag in {markup}");
            };
            let tag = &rest[start + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "{what}: mismatched </{name}> in {markup}");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap_or(""));
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "{what}: unclosed {stack:?} in {markup}");
        assert!(!markup.contains("<>"), "{what}: empty tag");
    }

    #[test]
    fn formulas_are_balanced_mathml_equations() {
        for a in Activation::ALL {
            let formula = a.formula_mathml();
            assert_balanced(&formula.f, a.id());
            assert_balanced(&formula.df, a.id());
            assert!(formula.f.starts_with("<mi>f</mi>"), "{}", a.id());
            assert!(formula.df.starts_with("<msup><mi>f</mi><mo>′</mo></msup>"), "{}", a.id());
            assert!(formula.f.len() > 40 && formula.df.len() > 40, "{}", a.id());
            if let Some(p) = a.param() {
                assert!(formula.f.contains(p.symbol), "{} formula lacks {}", a.id(), p.symbol);
            }
        }
    }

    #[test]
    fn every_activation_has_two_or_three_notes() {
        for a in Activation::ALL {
            let notes = a.notes();
            assert!((2..=3).contains(&notes.len()), "{}", a.id());
            for note in notes {
                assert!(note.ends_with('.') && note.len() > 30, "{}: {note}", a.id());
            }
        }
    }

    #[test]
    fn properties_follow_the_parameter() {
        let relu_like = Activation::LeakyRelu { slope: 0.0 }.properties();
        assert!(relu_like.dying_region && !relu_like.zero_centred);
        assert_eq!(relu_like, Activation::Relu.properties());
        assert!(Activation::Elu { alpha: 1.0 }.properties().smooth);
        assert!(!Activation::Elu { alpha: 2.0 }.properties().smooth);
        assert!(!Activation::Softshrink { lambda: 0.0 }.properties().dying_region);
    }
}
