use activation_lab::domain::nn::trainer::Session;
use activation_lab::domain::state::play_url::PlayState;
use activation_lab::domain::state::query::Query;

fn run(link: &str, epochs: &[usize]) -> String {
    let (state, notices) = PlayState::from_query(&Query::parse(link));
    assert!(notices.is_empty(), "{notices:?}");
    let mut s = Session::new(state.settings);
    let mut out = format!("e0 dead {}/{} ", s.metrics().dead_count(), s.metrics().neuron_count());
    let mut done = 0;
    for &e in epochs {
        s.step(e - done);
        done = e;
        let m = s.metrics();
        let per: Vec<usize> = m.layers.iter().map(|l| l.dead).collect();
        let g: Vec<String> = m.layers.iter().map(|l| format!("{:.1e}", l.grad_norm)).collect();
        let sp: Vec<String> = m.layers.iter().map(|l| format!("{:.2}", l.sparsity)).collect();
        out += &format!("| e{e} dead {per:?} test {:.3} acc {:.2} g {g:?} out {:.1e} sp {sp:?}", m.test_loss, m.test_accuracy.unwrap_or(0.0), m.output_grad_norm);
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = &args[1];
    for seed in 1..=6 {
        println!("seed {seed}: {}", run(&format!("{base}&seed={seed}"), &[args.get(2).map_or(100, |s| s.parse().unwrap())]));
    }
}
