use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Count;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static N: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Count {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        N.fetch_add(1, Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(p, l) }
    }
}
#[global_allocator]
static A: Count = Count;
fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let (g, _h) = kg::graph::snapshot::load_with_header(std::path::Path::new(&p)).unwrap();
    println!(
        "loaded: now {} peak {} allocs {}",
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed)),
        N.load(Relaxed)
    );
    let g = g.resolved();
    println!(
        "resolved: now {} peak {} allocs {}",
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed)),
        N.load(Relaxed)
    );
    let ix = kg::graph::GraphIndex::new(&g);
    println!(
        "indexed: now {} peak {} allocs {}",
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed)),
        N.load(Relaxed)
    );
    drop(ix);
    let mut srcs = 0;
    let mut props = 0;
    let mut strs = 0;
    for e in g.graph.edge_weights() {
        srcs += e.sources.len();
        props += e.props.len();
        strs += e.props.values().filter(|v| v.as_str().is_some()).count();
    }
    println!(
        "edges {} sources {} props {} str values {}",
        g.graph.edge_count(),
        srcs,
        props,
        strs
    );
    let mut srcs = 0;
    let mut props = 0;
    for n in g.graph.node_weights() {
        srcs += n.sources.len();
        props += n.props.len();
    }
    println!(
        "nodes {} sources {} props {}",
        g.graph.node_count(),
        srcs,
        props
    );
    std::mem::forget(g);
}
