//! The "born dead" table: `cargo run --release --example born_dead`.
//!
//! For widths 2, 4, 8 and depths 5, 10, 20, 50, the estimated probability that a randomly
//! initialised ReLU net (input dim 2, inputs on a 32×32 grid of [-√3, √3]²) is a constant function
//! at initialisation, with its Wilson 95% interval, over K = 1000 nets per width, for the
//! symmetric He initialisation and for RAI (Lu, Shin, Su & Karniadakis 2020). Then the run time.

use std::time::Instant;

use activation_lab::domain::experiments::born_dead::{BornDeadConfig, BornDeadRun, InitScheme};

const WIDTHS: [usize; 3] = [2, 4, 8];
const DEPTHS: [usize; 4] = [5, 10, 20, 50];
const TRIALS: usize = 1000;
const SAMPLES: usize = 1024;
const SEED: u64 = 2019;

fn main() {
    let start = Instant::now();
    for scheme in [InitScheme::HeSymmetric, InitScheme::Rai] {
        let t = Instant::now();
        let mut run = BornDeadRun::new(BornDeadConfig {
            depths: DEPTHS.to_vec(),
            widths: WIDTHS.to_vec(),
            trials: TRIALS,
            samples: SAMPLES,
            scheme,
            seed: SEED,
        });
        while !run.done() {
            run.step(64);
        }
        let estimates = run.estimates();
        println!(
            "{scheme:?}: born-dead probability p [Wilson 95%], K = {TRIALS}, {SAMPLES} inputs, seed {SEED}"
        );
        print!("{:>7}", "width");
        for d in DEPTHS {
            print!("  {:>21}", format!("depth {d}"));
        }
        println!();
        for w in WIDTHS {
            print!("{w:>7}");
            for d in DEPTHS {
                let e =
                    estimates.iter().find(|e| e.width == w && e.depth == d).expect("every cell is estimated");
                print!("  {:.3} [{:.3}, {:.3}]", e.p, e.lo, e.hi);
            }
            println!();
        }
        println!("({:.2} s)\n", t.elapsed().as_secs_f64());
    }
    println!("total run time: {:.2} s", start.elapsed().as_secs_f64());
}
