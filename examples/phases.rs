#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    for _ in 0..8 {
        let t = Instant::now();
        let (g, _h) = kg::graph::snapshot::load_with_header(std::path::Path::new(&p)).unwrap();
        let a = t.elapsed();
        let g = g.resolved();
        let b = t.elapsed();
        let ix = kg::graph::GraphIndex::new(&g);
        let c = t.elapsed();
        println!("load {:?} resolve {:?} index {:?}", a, b - a, c - b);
        drop(ix);
        let t2 = Instant::now();
        drop(g);
        println!("drop {:?}", t2.elapsed());
    }
}
