//! CSV bulk files for graph databases. One file per label and one per relationship type and
//! pair of labels, with the headers of `neo4j-admin database import` (`id:ID`, `:LABEL`,
//! `:START_ID`, `:END_ID`, `:TYPE`, `name:long` for integers, `sources:string[]` with `;`
//! between items, see [`list_cell`]), a `kuzu.cypher` script that creates the same tables in Kuzu and copies
//! the same files, and a README saying how to load them into each.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Column, columns, source_items};
use crate::graph::KnowledgeGraph;
use crate::schema::{Label, Props, Rel, Value};

/// One file of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// File name inside the export folder.
    pub name: String,
    /// Its contents.
    pub text: String,
}

fn neo4j_header(name: &str, c: Column) -> String {
    match c {
        Column::Int => format!("{name}:long"),
        Column::Str => name.to_string(),
    }
}

fn kuzu_type(c: Column) -> &'static str {
    match c {
        Column::Int => "INT64",
        Column::Str => "STRING",
    }
}

fn cells(props: &Props, cols: &BTreeMap<String, Column>) -> Vec<String> {
    cols.keys()
        .map(|k| match props.get(k) {
            Some(Value::Int(n)) => n.to_string(),
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        })
        .collect()
}

/// The list delimiter of `sources` cells: Neo4j's `--array-delimiter` and the separator
/// of Kuzu's `string_split`.
pub const LIST_DELIMITER: char = ';';

/// A list as one cell. Neither Neo4j's import nor Kuzu's `string_split` knows an escape
/// for the delimiter, so an item that holds it (an article named `a;b.txt`) would be read
/// back as two: items are percent-encoded instead, `%` as `%25` and `;` as `%3B`, so
/// that splitting on `;` always gives the items, each decoded by replacing `%3B` and
/// `%25` (in that order).
pub fn list_cell(items: &[String]) -> String {
    items
        .iter()
        .map(|i| i.replace('%', "%25").replace(LIST_DELIMITER, "%3B"))
        .collect::<Vec<_>>()
        .join(&LIST_DELIMITER.to_string())
}

/// The options of Kuzu's `LOAD FROM` for a file of these rows: its parallel reader
/// refuses quoted line breaks, so a file with a value holding one is read serially.
fn load_options(rows: &[Vec<String>]) -> &'static str {
    let breaks = rows
        .iter()
        .flatten()
        .any(|cell| cell.contains(['\n', '\r']));
    if breaks {
        "header=true, parallel=false"
    } else {
        "header=true"
    }
}

fn csv_text(header: &[String], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// `(name STRING, …)` and `name, …` for a Kuzu `LOAD WITH HEADERS … RETURN …`.
fn kuzu_load(
    first: &[(&str, &str)],
    cols: &BTreeMap<String, Column>,
    last: &str,
) -> (String, String) {
    let mut decl: Vec<String> = first.iter().map(|(n, t)| format!("`{n}` {t}")).collect();
    let mut ret: Vec<String> = first.iter().map(|(n, _)| format!("`{n}`")).collect();
    for (k, c) in cols {
        decl.push(format!("`{k}` {}", kuzu_type(*c)));
        ret.push(format!("`{k}`"));
    }
    decl.push("`sources` STRING".into());
    ret.push("string_split(`sources`, ';')".into());
    decl.push(format!("`{last}` STRING"));
    (decl.join(", "), ret.join(", "))
}

/// Every file of the export, in a stable order.
pub fn export(g: &KnowledgeGraph) -> Vec<File> {
    let mut files = Vec::new();
    let mut kuzu_tables = String::new();
    let mut kuzu_copies = String::new();
    let mut neo4j_args = Vec::new();
    for label in Label::ALL {
        let nodes: Vec<_> = g
            .graph()
            .node_indices()
            .filter(|i| g.graph()[*i].label == label)
            .collect();
        if nodes.is_empty() {
            continue;
        }
        let cols = columns(nodes.iter().map(|i| &g.graph()[*i].props));
        let mut header = vec!["id:ID".to_string(), "name".into(), "key".into()];
        header.extend(cols.iter().map(|(k, c)| neo4j_header(k, *c)));
        header.extend(["sources:string[]".to_string(), ":LABEL".into()]);
        let rows: Vec<Vec<String>> = nodes
            .iter()
            .map(|i| {
                let n = &g.graph()[*i];
                let mut r = vec![i.index().to_string(), n.name.to_string(), n.key.clone()];
                r.extend(cells(&n.props, &cols));
                r.push(list_cell(&source_items(g, &n.sources)));
                r.push(label.as_str().to_string());
                r
            })
            .collect();
        let name = format!("nodes_{label}.csv");
        files.push(File {
            name: name.clone(),
            text: csv_text(&header, &rows),
        });
        let props: String = cols
            .iter()
            .map(|(k, c)| format!(", `{k}` {}", kuzu_type(*c)))
            .collect();
        let _ = writeln!(
            kuzu_tables,
            "CREATE NODE TABLE `{label}`(`id` INT64, `name` STRING, `key` STRING{props}, `sources` STRING[], PRIMARY KEY(`id`));"
        );
        let (decl, ret) = kuzu_load(
            &[("id", "INT64"), ("name", "STRING"), ("key", "STRING")],
            &cols,
            "label",
        );
        let _ = writeln!(
            kuzu_copies,
            "COPY `{label}` FROM (LOAD WITH HEADERS ({decl}) FROM '{name}' ({}) RETURN {ret});",
            load_options(&rows)
        );
        neo4j_args.push(format!("--nodes={name}"));
    }
    for rel in Rel::ALL {
        let edges: Vec<_> = g
            .graph()
            .edge_indices()
            .filter(|e| g.graph()[*e].rel == rel)
            .collect();
        if edges.is_empty() {
            continue;
        }
        let cols = columns(edges.iter().map(|e| &g.graph()[*e].props));
        let mut pairs: BTreeMap<(Label, Label), Vec<Vec<String>>> = BTreeMap::new();
        for e in &edges {
            let Some((a, b)) = g.graph().edge_endpoints(*e) else {
                continue;
            };
            let w = &g.graph()[*e];
            let mut r = vec![a.index().to_string(), b.index().to_string()];
            r.extend(cells(&w.props, &cols));
            r.push(list_cell(&source_items(g, &w.sources)));
            r.push(rel.as_str().to_string());
            pairs
                .entry((g.graph()[a].label, g.graph()[b].label))
                .or_default()
                .push(r);
        }
        let mut header = vec![":START_ID".to_string(), ":END_ID".into()];
        header.extend(cols.iter().map(|(k, c)| neo4j_header(k, *c)));
        header.extend(["sources:string[]".to_string(), ":TYPE".into()]);
        let froms: BTreeSet<String> = pairs
            .keys()
            .map(|(a, b)| format!("FROM `{a}` TO `{b}`"))
            .collect();
        let props: String = cols
            .iter()
            .map(|(k, c)| format!(", `{k}` {}", kuzu_type(*c)))
            .collect();
        let _ = writeln!(
            kuzu_tables,
            "CREATE REL TABLE `{rel}`({}{props}, `sources` STRING[]);",
            froms.into_iter().collect::<Vec<_>>().join(", ")
        );
        let (decl, ret) = kuzu_load(&[("from", "INT64"), ("to", "INT64")], &cols, "type");
        for ((a, b), rows) in pairs {
            let name = format!("edges_{rel}_{a}_{b}.csv");
            let _ = writeln!(
                kuzu_copies,
                "COPY `{rel}` FROM (LOAD WITH HEADERS ({decl}) FROM '{name}' ({}) RETURN {ret}) (from='{a}', to='{b}');",
                load_options(&rows)
            );
            neo4j_args.push(format!("--relationships={name}"));
            files.push(File {
                name,
                text: csv_text(&header, &rows),
            });
        }
    }
    files.push(File {
        name: "kuzu.cypher".into(),
        text: format!(
            "// Creates the kg graph in Kuzu from the CSV files beside this script.\n\
             // Run it from this folder, e.g. in Python: for s in open('kuzu.cypher').read().split(';\\n'): conn.execute(s)\n\
             {kuzu_tables}{kuzu_copies}"
        ),
    });
    files.push(File {
        name: "README".into(),
        text: readme(&neo4j_args),
    });
    files
}

fn readme(neo4j_args: &[String]) -> String {
    format!(
        "kg graph export: CSV bulk files for graph databases\n\
         ====================================================\n\n\
         nodes_<Label>.csv             one file per node label; id:ID is the node id, :LABEL its label\n\
         edges_<TYPE>_<From>_<To>.csv  one file per relationship type and pair of labels\n\
         Integer properties are typed (name:long); `sources` is a list (string[]) of\n\
         `article:start-end` items separated by ';' (the byte span of the sentence in the article);\n\
         in an item '%' is written %25 and ';' %3B, so that no article name splits an item.\n\n\
         Neo4j (5.x), into an empty database named neo4j, from this folder:\n\n\
         neo4j-admin database import full neo4j --array-delimiter=';' \\\n  {}\n\n\
         Kuzu, from this folder (Python):\n\n\
         import kuzu\n\
         conn = kuzu.Connection(kuzu.Database('kg.kuzu'))\n\
         for stmt in open('kuzu.cypher', encoding='utf-8').read().split(';\\n'):\n\
         \x20   if stmt.strip() and not stmt.lstrip().startswith('//'):\n\
         \x20       conn.execute(stmt)\n\n\
         or paste kuzu.cypher into the Kuzu shell (kuzu kg.kuzu) started in this folder.\n\
         The same queries then run in kg, Neo4j and Kuzu, e.g.\n\
         MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.name, m.date;\n",
        neo4j_args.join(" \\\n  ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_never_split_on_a_delimiter_inside_them() {
        let items = ["a;b.txt:0-9", "100%;%3B.txt:1-2", "plain.txt:3-4"].map(String::from);
        let cell = list_cell(&items);
        assert_eq!(cell, "a%3Bb.txt:0-9;100%25%3B%253B.txt:1-2;plain.txt:3-4");
        let back: Vec<String> = cell
            .split(LIST_DELIMITER)
            .map(|i| i.replace("%3B", ";").replace("%25", "%"))
            .collect();
        assert_eq!(back, items);
    }

    #[test]
    fn headers_follow_neo4j_import_and_kuzu_loads_the_same_files() {
        let a = crate::text::Article::from_text(
            "a.txt",
            "Tin\n\nĐồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.".into(),
        );
        let mut g = KnowledgeGraph::new();
        g.add(&a, &crate::extract::extract(&a));
        let files = export(&g);
        let person = files.iter().find(|f| f.name == "nodes_Person.csv").unwrap();
        assert!(
            person
                .text
                .starts_with("id:ID,name,key,sources:string[],:LABEL\n"),
            "{}",
            person.text
        );
        let holds = files
            .iter()
            .find(|f| f.name == "edges_HOLDS_Person_PartyCommittee.csv")
            .unwrap();
        assert!(
            holds.text.starts_with(":START_ID,:END_ID,as_of,"),
            "{}",
            holds.text
        );
        assert!(
            holds
                .text
                .lines()
                .next()
                .unwrap_or("")
                .ends_with(",title,sources:string[],:TYPE"),
            "{}",
            holds.text
        );
        let kuzu = &files.iter().find(|f| f.name == "kuzu.cypher").unwrap().text;
        assert!(kuzu.contains("CREATE REL TABLE `HOLDS`(FROM `Person` TO `PartyCommittee`"));
        assert!(kuzu.contains("(from='Person', to='PartyCommittee');"));
    }
}
