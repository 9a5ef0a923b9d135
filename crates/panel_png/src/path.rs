//! SVG number lists and path data (`d`), read into absolute segments.

use super::Seg;

/// The numbers of an SVG list (`1,2 3-4.5.5e1`).
pub(super) fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((v, next)) = next_number(rest) {
        out.push(v);
        rest = next;
    }
    out
}

/// The next number in SVG number syntax after separators, and the text after it.
fn next_number(text: &str) -> Option<(f64, &str)> {
    let s = text.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let bytes = s.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut digits = false;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        digits = true;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            digits = true;
        }
    }
    if !digits {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            i = j;
        }
    }
    let v = s[..i].parse::<f64>().ok()?;
    Some((v, &s[i..]))
}

/// SVG path data as absolute segments: M L H V C S Q T Z in both cases; an arc (A) becomes a
/// straight line to its end point. Stops at the first malformed command, as browsers do.
pub fn parse_path(d: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut rest = d;
    let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
    // The last control point, for the reflected S and T.
    let mut last_cubic: Option<(f64, f64)> = None;
    let mut last_quad: Option<(f64, f64)> = None;
    let mut command: Option<char> = None;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let Some(first) = trimmed.chars().next() else { break };
        if first.is_ascii_alphabetic() {
            command = Some(first);
            rest = &trimmed[1..];
        } else if command.is_none() {
            break;
        } else {
            rest = trimmed;
        }
        let Some(c) = command else { break };
        let relative = c.is_ascii_lowercase();
        let abs = |p: (f64, f64), cur: (f64, f64)| if relative { (cur.0 + p.0, cur.1 + p.1) } else { p };
        let mut take = |n: usize| -> Option<Vec<f64>> {
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                let (x, next) = next_number(rest)?;
                v.push(x);
                rest = next;
            }
            Some(v)
        };
        let (mut cubic, mut quad) = (None, None);
        match c.to_ascii_uppercase() {
            'Z' => {
                segs.push(Seg::Close);
                cur = start;
                command = None;
            }
            'M' => {
                let Some(v) = take(2) else { break };
                cur = abs((v[0], v[1]), cur);
                start = cur;
                segs.push(Seg::Move(cur));
                // Further pairs after a moveto are linetos.
                command = Some(if relative { 'l' } else { 'L' });
            }
            'L' => {
                let Some(v) = take(2) else { break };
                cur = abs((v[0], v[1]), cur);
                segs.push(Seg::Line(cur));
            }
            'H' => {
                let Some(v) = take(1) else { break };
                cur = (if relative { cur.0 + v[0] } else { v[0] }, cur.1);
                segs.push(Seg::Line(cur));
            }
            'V' => {
                let Some(v) = take(1) else { break };
                cur = (cur.0, if relative { cur.1 + v[0] } else { v[0] });
                segs.push(Seg::Line(cur));
            }
            'C' => {
                let Some(v) = take(6) else { break };
                let (c1, c2, p) = (abs((v[0], v[1]), cur), abs((v[2], v[3]), cur), abs((v[4], v[5]), cur));
                segs.push(Seg::Cubic(c1, c2, p));
                cubic = Some(c2);
                cur = p;
            }
            'S' => {
                let Some(v) = take(4) else { break };
                let c1 = last_cubic.map_or(cur, |c| (2.0 * cur.0 - c.0, 2.0 * cur.1 - c.1));
                let (c2, p) = (abs((v[0], v[1]), cur), abs((v[2], v[3]), cur));
                segs.push(Seg::Cubic(c1, c2, p));
                cubic = Some(c2);
                cur = p;
            }
            'Q' => {
                let Some(v) = take(4) else { break };
                let (c1, p) = (abs((v[0], v[1]), cur), abs((v[2], v[3]), cur));
                segs.push(Seg::Quad(c1, p));
                quad = Some(c1);
                cur = p;
            }
            'T' => {
                let Some(v) = take(2) else { break };
                let c1 = last_quad.map_or(cur, |c| (2.0 * cur.0 - c.0, 2.0 * cur.1 - c.1));
                let p = abs((v[0], v[1]), cur);
                segs.push(Seg::Quad(c1, p));
                quad = Some(c1);
                cur = p;
            }
            'A' => {
                let Some(v) = take(7) else { break };
                cur = abs((v[5], v[6]), cur);
                segs.push(Seg::Line(cur));
            }
            _ => break,
        }
        last_cubic = cubic;
        last_quad = quad;
    }
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_data_becomes_absolute_segments() {
        assert_eq!(
            parse_path("M10 20 L30,40 h5 v-5 z"),
            vec![
                Seg::Move((10.0, 20.0)),
                Seg::Line((30.0, 40.0)),
                Seg::Line((35.0, 40.0)),
                Seg::Line((35.0, 35.0)),
                Seg::Close
            ]
        );
        // Relative moveto with implicit linetos; numbers without separators.
        assert_eq!(
            parse_path("m1 1 2 2-1.5.5"),
            vec![Seg::Move((1.0, 1.0)), Seg::Line((3.0, 3.0)), Seg::Line((1.5, 3.5))]
        );
        assert_eq!(
            parse_path("M0 0 C1 1 2 1 3 0 S5 -1 6 0"),
            vec![
                Seg::Move((0.0, 0.0)),
                Seg::Cubic((1.0, 1.0), (2.0, 1.0), (3.0, 0.0)),
                Seg::Cubic((4.0, -1.0), (5.0, -1.0), (6.0, 0.0))
            ]
        );
        assert_eq!(
            parse_path("M0 0 Q1 2 2 0 T4 0"),
            vec![
                Seg::Move((0.0, 0.0)),
                Seg::Quad((1.0, 2.0), (2.0, 0.0)),
                Seg::Quad((3.0, -2.0), (4.0, 0.0))
            ]
        );
        assert_eq!(parse_path("M0 0 A5 5 0 0 1 10 0"), vec![Seg::Move((0.0, 0.0)), Seg::Line((10.0, 0.0))]);
        assert_eq!(parse_path("M1e1,2E-1"), vec![Seg::Move((10.0, 0.2))]);
        // Malformed data stops where it goes wrong.
        assert_eq!(parse_path("M0 0 L5"), vec![Seg::Move((0.0, 0.0))]);
        assert_eq!(parse_path("10 10"), Vec::<Seg>::new());
        assert_eq!(parse_path(""), Vec::<Seg>::new());
    }
}
