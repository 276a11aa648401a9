//! Bad input: unreadable articles among good ones, and damaged snapshots.

mod common;

use std::fs;

const GOOD: &str = "Tin\n\nĐồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị.\n";

#[test]
fn unreadable_files_are_reported_and_the_rest_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    fs::write(p.join("latin1.txt"), b"Qu\xe2n \xfby h\xf4m nay").unwrap();
    fs::write(p.join("empty.txt"), b"  \n").unwrap();
    fs::write(p.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let out = common::kg(p, &["build", ".", "-o", "g.kg"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "non-zero exit when a file is skipped"
    );
    let text = common::stdout(&out);
    assert!(text.contains("articles read: 1"), "{text}");
    assert!(text.contains("latin1.txt: not UTF-8"), "{text}");
    assert!(text.contains("empty.txt: empty file"), "{text}");
    assert!(text.contains("binary.txt: binary file"), "{text}");
    let stats = common::kg(p, &["stats", "g.kg"]);
    assert!(stats.status.success());
    assert!(common::stdout(&stats).contains("articles: 1"));
}

#[test]
fn damaged_snapshots_each_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    assert!(
        common::kg(p, &["build", "good.txt", "-o", "g.kg"])
            .status
            .success()
    );
    let bytes = fs::read(p.join("g.kg")).unwrap();
    fs::write(p.join("truncated.kg"), &bytes[..bytes.len() / 2]).unwrap();
    let mut flipped = bytes.clone();
    let mid = bytes.len() - 10;
    flipped[mid] ^= 0x01;
    fs::write(p.join("flipped.kg"), flipped).unwrap();
    fs::write(p.join("foreign.kg"), "{\"nodes\": []}").unwrap();
    for (file, expect) in [
        ("truncated.kg", "truncated snapshot"),
        ("flipped.kg", "checksum mismatch"),
        ("foreign.kg", "not a kg snapshot"),
        ("missing.kg", "missing.kg"),
    ] {
        let out = common::kg(p, &["stats", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = common::stderr(&out);
        assert!(err.contains(file) && err.contains(expect), "{file}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn legacy_encodings_are_converted_or_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(p.join("utf16.txt"), utf16).unwrap();
    // UTF-8 bytes read as Latin-1 and saved again as UTF-8.
    let other = GOOD.replace("Mê Linh", "Sóc Sơn");
    let twice: String = other.bytes().map(char::from).collect();
    fs::write(p.join("twice.txt"), twice).unwrap();
    // "Việt Nam tổ chức hội nghị" in VNI-Windows, many times.
    let vni =
        b"Vie\xe4t Nam to\xe5 ch\xf6\xf9c ho\xe4i ngh\xf2 ve\xe0 vie\xe4c la\xf8m. ".repeat(10);
    fs::write(p.join("vni.txt"), vni).unwrap();
    let out = common::kg(p, &["build", ".", "-o", "g.kg"]);
    let text = common::stdout(&out);
    assert!(text.contains("articles read: 2"), "{text}");
    assert!(text.contains("utf16.txt from UTF-16"), "{text}");
    assert!(
        text.contains("twice.txt from UTF-8 decoded twice"),
        "{text}"
    );
    assert!(
        text.contains("vni.txt: looks like TCVN3 (ABC) or VNI-Windows"),
        "{text}"
    );
    let persons = common::kg(
        p,
        &[
            "query",
            "g.kg",
            "-c",
            "MATCH (p:Person) RETURN DISTINCT p.name;",
        ],
    );
    assert_eq!(
        common::stdout(&persons),
        "p.name\nLò Văn Pả\n",
        "both conversions give the same person"
    );
}
