//! MathML for a formula's tree (the inner content of a `<math>` element): fractions for `/`,
//! superscripts for `^`, square roots, |a| for abs, and the derivative's selector as cases.

use super::ast::{Constant, Expr, Func};

fn mi(s: &str) -> String {
    format!("<mi>{s}</mi>")
}

fn mo(s: &str) -> String {
    format!("<mo>{s}</mo>")
}

fn row(parts: &[String]) -> String {
    format!("<mrow>{}</mrow>", parts.concat())
}

fn paren(inner: String) -> String {
    row(&[mo("("), inner, mo(")")])
}

fn number(v: f64) -> String {
    let text =
        if v.abs() >= 1e-4 && v.abs() < 1e12 { format!("{}", v.abs()) } else { format!("{:e}", v.abs()) };
    if v < 0.0 {
        row(&[mo("−"), format!("<mn>{text}</mn>")])
    } else {
        format!("<mn>{text}</mn>")
    }
}

/// Binding strength, as the printer's: sums, products, unary minus, powers, atoms.
fn strength(e: &Expr) -> u8 {
    match e {
        Expr::Add(..) | Expr::Sub(..) => 1,
        Expr::Mul(..) => 2,
        Expr::Neg(_) => 3,
        Expr::Num(v) if *v < 0.0 => 3,
        Expr::Pow(..) => 4,
        _ => 5,
    }
}

/// `e`'s markup, in parentheses if it binds less tightly than `min`.
fn at(e: &Expr, min: u8) -> String {
    let inner = markup(e);
    if strength(e) < min {
        paren(inner)
    } else {
        inner
    }
}

/// The MathML of `e`.
pub fn markup(e: &Expr) -> String {
    match e {
        Expr::Num(v) => number(*v),
        Expr::Const(Constant::Pi) => mi("π"),
        Expr::Const(Constant::E) => mi("e"),
        Expr::X => mi("x"),
        Expr::Neg(a) => row(&[mo("−"), at(a, 3)]),
        Expr::Add(a, b) => row(&[at(a, 1), mo("+"), at(b, 2)]),
        Expr::Sub(a, b) => row(&[at(a, 1), mo("−"), at(b, 2)]),
        Expr::Mul(a, b) => row(&[at(a, 2), mo("·"), at(b, 3)]),
        Expr::Div(a, b) => format!("<mfrac>{}{}</mfrac>", row(&[markup(a)]), row(&[markup(b)])),
        Expr::Pow(a, b) => format!("<msup>{}{}</msup>", at(a, 5), row(&[markup(b)])),
        Expr::Call(Func::Sqrt, a) => format!("<msqrt>{}</msqrt>", markup(a)),
        Expr::Call(Func::Abs, a) => row(&[mo("|"), markup(a), mo("|")]),
        Expr::Call(Func::Exp, a) => format!("<msup>{}{}</msup>", mi("e"), row(&[markup(a)])),
        Expr::Call(Func::Sigmoid, a) => row(&[mi("σ"), paren(markup(a))]),
        Expr::Call(f, a) => row(&[mi(f.name()), paren(markup(a))]),
        Expr::Max(a, b) => row(&[mi("max"), paren(row(&[markup(a), mo(","), markup(b)]))]),
        Expr::Min(a, b) => row(&[mi("min"), paren(row(&[markup(a), mo(","), markup(b)]))]),
        Expr::Step { test, pos, neg } => {
            let when = |op: &str| {
                format!("<mtd>{}</mtd>", row(&[mtext("if "), markup(test), mo(op), "<mn>0</mn>".into()]))
            };
            format!(
                "<mrow><mo>{{</mo><mtable><mtr><mtd>{}</mtd>{}</mtr><mtr><mtd>{}</mtd>{}</mtr></mtable></mrow>",
                markup(pos),
                when("&gt;"),
                markup(neg),
                when("≤"),
            )
        }
    }
}

fn mtext(s: &str) -> String {
    format!("<mtext>{s}</mtext>")
}
