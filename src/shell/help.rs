//! `:help` texts.

/// The `:` commands, for help and completion.
pub const COMMANDS: [&str; 22] = [
    ":help", ":schema", ":stats", ":save", ":save!", ":load", ":load!", ":ingest", ":export",
    ":format", ":limit", ":param", ":explain", ":timeout", ":memory", ":quit", ":exit", ":clear",
    ":source", ":history", ":width", ":timing",
];

/// Help topics.
pub const TOPICS: [&str; 4] = ["query", "short", "commands", "strings"];

const GENERAL: &str = "\
Ask in the query language (a read-only subset of openCypher; end it with ';'):
  MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.name, m.date ORDER BY m.date;
or with a short command (one line, no ';'):
  who chaired [TEXT]   who attended|presented|spoke|moderated [TEXT]
  who held TITLE BODY [in YEAR | on DATE]
  show NAME   find TEXT   neighbors NAME [DEPTH]   path NAME -> NAME
  timeline NAME   why [ROW]
NAME may be written without diacritics; #ID names a node by id.
Tab completes keywords, labels after '(x:', types after '[r:', properties after 'x.',
and names inside quotes or after a short command. Ctrl-C cancels, Ctrl-D leaves.
More: :help query | short | commands | strings";

const QUERY: &str = "\
MATCH pattern, pattern … [WHERE cond]      OPTIONAL MATCH … [WHERE cond]
WITH items [ORDER BY …] [SKIP n] [LIMIT n] [WHERE cond]
RETURN [DISTINCT] expr [AS name], … [ORDER BY expr [DESC], …] [SKIP n] [LIMIT n]
Patterns: (v:Label {prop: value})  -[r:TYPE|OTHER]->  <-[:T]-  -[]-  -[:T*1..3]->
          p = (a)-[:T]->(b)   p = shortestPath((a)-[*..6]-(b))
Conditions: = <> < <= > >=  AND OR XOR NOT  IN [..]  IS [NOT] NULL
            STARTS WITH  ENDS WITH  CONTAINS  =~ 'regex'
Functions: id labels type count collect min max sum size length nodes relationships
           startNode endNode toLower toUpper toString toInteger coalesce keys
Parameters: $name, set with :param name => value.
Labels: Article Person Province District Commune PartyCommittee Organization Meeting
        Congress Programme Document Election  (see :schema)";

const SHORT: &str = "\
who chaired [TEXT]      person, meeting, date, committee; TEXT filters by meeting,
                        committee, district or date (2021, 04/2021, 02/04/2021)
who attended|presented|spoke|moderated [TEXT]   the same for the other roles
show NAME               the entity card: properties, relationships, sources
find TEXT               ranked fuzzy search over every name
neighbors NAME [DEPTH]  nodes within DEPTH relationships (default 1, at most 4)
path NAME -> NAME       the shortest chain between two entities
timeline NAME           dated facts of a person, committee or district, in order
why [ROW]               the sentences behind the rows of the last result
:explain shows the query a short command runs.";

const COMMANDS_HELP: &str = "\
:help [TOPIC]              this help (topics: query, short, commands, strings)
:schema                    labels, types, properties and counts
:stats                     articles, nodes per label, edges per type
:save [PATH]               save the graph (default: the snapshot it came from; if
                           another kg saved that file since, :save! replaces it)
:load PATH                 load a snapshot (the current graph stays if it fails;
                           with unsaved :ingest work, :load! PATH drops it)
:ingest PATH…              read more articles (.txt, .html) into the loaded graph;
                           --encoding tcvn3|vni|windows-1258|utf-8 forces an encoding
:export dot|json PATH [QUERY|NAME]   the whole graph, a query's result or a neighbourhood
:format table|csv|json|markdown|tsv|auto   how results are printed
:width [N|auto]            the width tables fit (auto: the terminal's)
:timing [on|off]           print the row count and time after each result
:limit [N]                 the row cap (default 10000)
:timeout [SECONDS|off]     stop queries that run longer
:memory [MB]               stop queries whose kept rows (ORDER BY, DISTINCT, grouping,
                           collect) pass this many megabytes (default 1024)
:param [name => value]     set a parameter ($name in queries); alone, list them
:param {name: value, …}    set several, as in cypher-shell
:source FILE               run the statements of a file (.read FILE too)
:history                   the statements run in this session
:explain QUERY|SHORT       the plan, and the query a short command compiles to
:clear                     forget the query being typed
:quit, :exit               leave (asks first when there are unsaved changes)";

const STRINGS: &str = "\
Vietnamese strings compare after Unicode NFC and tone-placement folding, so 'Quận uỷ'
equals 'Quận ủy' and 'hoà' equals 'hòa'. Case never matters: 'nguyễn văn tâm' finds
'Nguyễn Văn Tâm'.
A string literal written without any diacritic (plain ASCII) compares without
diacritics and case: WHERE p.name = 'nguyen van tam' finds 'Nguyễn Văn Tâm', and
CONTAINS 'long bien' finds 'Long Biên'. A literal with diacritics compares exactly:
'Nguyễn Văn Tám' does not match 'Nguyễn Văn Tâm'. The same holds for =~: a pattern
without diacritics matches case- and diacritic-insensitively.
ORDER BY sorts strings the Vietnamese way (Đ with D, marks after the letter).";

/// The help text of a topic (`None`: the overview).
pub fn help(topic: Option<&str>) -> Result<&'static str, String> {
    match topic.map(|t| t.trim().trim_start_matches(':').to_ascii_lowercase()) {
        None => Ok(GENERAL),
        Some(t) if t.is_empty() => Ok(GENERAL),
        Some(t) => match t.as_str() {
            "query" | "cypher" | "match" => Ok(QUERY),
            "short" | "who" | "show" | "find" | "why" | "path" | "timeline" | "neighbors" => {
                Ok(SHORT)
            }
            "commands" | "command" => Ok(COMMANDS_HELP),
            "strings" | "string" | "diacritics" => Ok(STRINGS),
            other => Err(format!("no help on {other}; topics: {}", TOPICS.join(", "))),
        },
    }
}
