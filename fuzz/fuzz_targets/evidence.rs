//! Any sentence and any names through the evidence printer (`why`): the marked sentence,
//! never a panic, whatever case mappings or combining marks the text holds.
#![no_main]

use kg::shell::evidence::{Mark, highlight};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the sentence, the others the names to mark.
    let mut lines = text.split('\n');
    let sentence = lines.next().unwrap_or("");
    let names: Vec<String> = lines.map(str::to_string).collect();
    let marked = highlight(sentence, &names, Mark::Plain);
    assert!(marked.len() >= sentence.len());
});
