//! The parser, printer, derivative and analysis of formulas.

use super::ast::{Constant, Expr, Func};
use super::parse::parse;
use super::*;
use crate::domain::nn::rng::Rng;

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn tree(text: &str) -> Expr {
    parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn message(text: &str) -> String {
    match CustomFormula::parse(text) {
        Ok(f) => panic!("{text:?} parsed as {f}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn power_binds_tighter_than_unary_minus_and_associates_to_the_right() {
    let x2 = Expr::Pow(b(Expr::X), b(Expr::Num(2.0)));
    assert_eq!(tree("-x^2"), Expr::Neg(b(x2.clone())));
    assert_eq!(tree("-x**2"), tree("-x^2"));
    assert_eq!(
        tree("2^3^2"),
        Expr::Pow(b(Expr::Num(2.0)), b(Expr::Pow(b(Expr::Num(3.0)), b(Expr::Num(2.0)))))
    );
    assert_eq!(tree("2^-x"), Expr::Pow(b(Expr::Num(2.0)), b(Expr::Neg(b(Expr::X)))));
    assert_eq!(tree("(-x)^2"), Expr::Pow(b(Expr::Neg(b(Expr::X))), b(Expr::Num(2.0))));
    // Products before sums, left to right.
    assert_eq!(tree("1+2*x"), Expr::Add(b(Expr::Num(1.0)), b(Expr::Mul(b(Expr::Num(2.0)), b(Expr::X)))));
    assert_eq!(tree("x-1-2"), Expr::Sub(b(Expr::Sub(b(Expr::X), b(Expr::Num(1.0)))), b(Expr::Num(2.0))));
    assert_eq!(tree("x/2/4"), Expr::Div(b(Expr::Div(b(Expr::X), b(Expr::Num(2.0)))), b(Expr::Num(4.0))));
    assert_eq!(tree(" PI * e "), Expr::Mul(b(Expr::Const(Constant::Pi)), b(Expr::Const(Constant::E))));
    assert_eq!(tree("1.5e-3*x"), Expr::Mul(b(Expr::Num(1.5e-3)), b(Expr::X)));
    assert_eq!(tree("max(0.1*x, x)"), Expr::Max(b(tree("0.1*x")), b(Expr::X)));
    assert_eq!(tree("tanh(x)"), Expr::Call(Func::Tanh, b(Expr::X)));
}

#[test]
fn values_follow_the_precedence() {
    let f = |text: &str, x: f64| CustomFormula::parse(text).map(|f| f.value(x)).unwrap_or(f64::NAN);
    assert_eq!(f("-x^2", 3.0), -9.0);
    assert_eq!(f("2^3^2", 0.0), 512.0);
    assert_eq!(f("2^-x", 1.0), 0.5);
    assert_eq!(f("-2^2", 0.0), -4.0);
    assert_eq!(f("x - -x", 2.0), 4.0);
    assert_eq!(f("sign(x)", 0.0), 0.0);
    assert_eq!(f("max(x, 2*x)", -1.0), -1.0);
    assert_eq!(f("min(x, 2*x)", -1.0), -2.0);
}

#[test]
fn errors_point_at_the_problem() {
    assert_eq!(message("x*tanh(softplus(x)"), "missing ) at position 19");
    assert!(
        message("x*foo(x)").starts_with("unknown function 'foo' at position 3"),
        "{}",
        message("x*foo(x)")
    );
    assert!(message("y+1").starts_with("unknown variable 'y' at position 1"));
    assert_eq!(message("x)"), "unmatched ) at position 2");
    assert_eq!(message("x*"), "expected a number, x, a function or ( at position 3");
    assert_eq!(message("2x"), "expected an operator (+ - * / ^) at position 2");
    assert_eq!(message("x # 2"), "unexpected character '#' at position 3");
    assert_eq!(message("max(x)"), "max takes 2 arguments, not 1 (at position 1)");
    assert_eq!(message("sin(x, 1)"), "sin takes 1 argument, not 2 (at position 1)");
    assert!(message("sin x").contains("needs its argument in parentheses"));
    assert!(message("  ").contains("empty"));
    assert!(message("1.2.3").contains("'1.2.3' is not a number"));
    assert!(message("sin()").contains("position 5"));
}

#[test]
fn long_and_deep_formulas_are_refused_without_a_panic() {
    let long = format!("x{}", "+x".repeat(100));
    assert_eq!(message(&long), "the formula has 201 characters: at most 200 are allowed");
    let ok = format!("x{}", "+x".repeat(99));
    assert!(CustomFormula::parse(&ok).is_ok());
    let deep = format!("{}x{}", "(".repeat(33), ")".repeat(33));
    assert!(message(&deep).starts_with("the formula is nested deeper than 32 levels"), "{}", message(&deep));
    let fine = format!("{}x{}", "(".repeat(32), ")".repeat(32));
    assert!(CustomFormula::parse(&fine).is_ok());
    let calls = format!("{}x{}", "sin(".repeat(34), ")".repeat(34));
    assert!(message(&calls).contains("nested deeper"));
    let minus = format!("{}x", "-".repeat(60));
    assert!(message(&minus).contains("nested deeper"));
    // Whatever is typed, no panic.
    for text in ["(", ")", ",", "^", "**", "max(,)", "e^", "1e", "x^^2", "((x)", "sin(x", "--", "+"] {
        assert!(CustomFormula::parse(text).is_err(), "{text:?}");
    }
}

/// A random tree of the kinds the parser builds (numbers non-negative).
fn random_tree(rng: &mut Rng, depth: usize) -> Expr {
    let leaf = depth == 0 || rng.next_f64() < 0.25;
    if leaf {
        return match (rng.next_f64() * 4.0) as usize {
            0 => Expr::X,
            1 => Expr::Const(if rng.next_f64() < 0.5 { Constant::Pi } else { Constant::E }),
            2 => Expr::Num((rng.next_f64() * 100.0).floor() / 8.0),
            _ => Expr::Num(rng.next_f64() * 1e-6),
        };
    }
    let mut sub = || b(random_tree(rng, depth - 1));
    let (l, r) = (sub(), sub());
    match (rng.next_f64() * 10.0) as usize {
        0 => Expr::Neg(l),
        1 => Expr::Add(l, r),
        2 => Expr::Sub(l, r),
        3 => Expr::Mul(l, r),
        4 => Expr::Div(l, r),
        5 => Expr::Pow(l, r),
        6 => Expr::Max(l, r),
        7 => Expr::Min(l, r),
        _ => Expr::Call(Func::ALL[(rng.next_f64() * Func::ALL.len() as f64) as usize % Func::ALL.len()], l),
    }
}

#[test]
fn printed_trees_parse_back_to_the_same_tree() {
    let mut rng = Rng::derive(7, "printer");
    for _ in 0..2000 {
        let t = random_tree(&mut rng, 4);
        let text = t.to_string();
        assert_eq!(parse(&text).as_ref(), Ok(&t), "{text}");
    }
    for text in ["-x^2", "(-x)^2", "x-(1-x)", "x/(2*x)", "2^-x", "2^3^2", "(2^3)^2", "-(-x)", "x*-x"] {
        let t = tree(text);
        assert_eq!(tree(&t.to_string()), t, "{text} printed as {t}");
    }
    assert_eq!(tree("x * tanh( softplus (x))").to_string(), "x*tanh(softplus(x))");
    assert_eq!(tree("max(0.1 * x,x)").to_string(), "max(0.1*x, x)");
}

#[test]
fn handles_are_shared_and_compare_by_canonical_text() {
    let a = CustomFormula::parse("x * sigmoid(x)").map_err(|e| e.to_string());
    let c = CustomFormula::parse("x*sigmoid(x)").map_err(|e| e.to_string());
    assert_eq!(a, c);
    assert_ne!(a, CustomFormula::parse("x*sigmoid(2*x)").map_err(|e| e.to_string()));
}

fn formula(text: &str) -> CustomFormula {
    CustomFormula::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn kinks_are_found_where_the_slope_jumps_with_the_documented_conventions() {
    let leaky = formula("max(0.1*x, x)");
    let k = leaky.kinks();
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!((k[0].x, k[0].left, k[0].right, k[0].at), (0.0, 0.1, 1.0, 0.1));
    assert_eq!(formula("relu(x)").kinks()[0].at, 0.0);
    assert_eq!(formula("abs(x)").kinks()[0].at, 0.0);
    // relu(x)^2 has a continuous slope: its candidate at 0 is not a kink.
    assert!(formula("relu(x)^2").kinks().is_empty());
    let shifted = formula("abs(x - 0.3)").kinks();
    assert_eq!(shifted.len(), 1);
    assert!((shifted[0].x - 0.3).abs() < 1e-12, "{shifted:?}");
    let clip = formula("min(max(x, -1), 1)").kinks();
    assert_eq!(clip.iter().map(|k| k.x).collect::<Vec<_>>(), [-1.0, 1.0]);
    // sign jumps in f itself.
    assert_eq!(formula("sign(x)").kinks().len(), 1);
    assert!(formula("x*tanh(softplus(x))").kinks().is_empty());
}

#[test]
fn properties_and_range_are_computed_from_the_function() {
    let mish = formula("x*tanh(softplus(x))").analysis();
    let builtin = crate::domain::activation::Activation::Mish;
    assert_eq!(mish.properties, builtin.properties());
    assert!((mish.range.0 - builtin.range().0).abs() < 1e-6, "{:?}", mish.range);
    assert_eq!(mish.range.1, f64::INFINITY);
    let relu = formula("max(0, x)").analysis();
    assert_eq!(relu.properties, crate::domain::activation::Activation::Relu.properties());
    let tanh = formula("tanh(x)").analysis();
    assert_eq!(tanh.properties, crate::domain::activation::Activation::Tanh.properties());
    assert_eq!(tanh.range, (-1.0, 1.0));
    let sig = formula("sigmoid(x)").analysis();
    assert_eq!(sig.properties, crate::domain::activation::Activation::Sigmoid.properties());
    let sin = formula("sin(x)").analysis().properties;
    assert!(!sin.monotonic && sin.bounded_below && sin.bounded_above && !sin.saturates());
}

#[test]
fn formulas_undefined_where_a_neuron_can_land_are_refused_with_the_reason() {
    let refused = |t: &str| formula(t).check_trainable().map_err(|e| e.to_string()).err();
    assert_eq!(refused("log(x)").as_deref(), Some("log(x) is undefined for x ≤ 0"));
    assert_eq!(refused("sqrt(x)").as_deref(), Some("sqrt(x) is undefined for x < 0"));
    assert_eq!(refused("x*log(x+1)").as_deref(), Some("log(x+1) is undefined for x+1 ≤ 0"));
    assert_eq!(refused("1/x").as_deref(), Some("1/x is undefined where x = 0 (at x = 0)"));
    assert!(refused("exp(x^2)").is_some_and(|m| m.contains("overflows")));
    assert!(refused("sqrt(abs(x))").is_some_and(|m| m.contains("infinite slope at x = 0")));
    for fine in ["x*tanh(softplus(x))", "log(1+exp(x))", "sqrt(x^2+1)", "exp(-x^2)", "x^3-x", "abs(x)"] {
        assert_eq!(refused(fine), None, "{fine}");
    }
}
