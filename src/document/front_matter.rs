//! YAML front matter read as data: its top-level keys and their values, each value written one
//! canonical way, so that quoting style (`'2024-11-16'`, `"2024-11-16"`, `2024-11-16`), block or flow
//! lists (`- a` lines or `[a, b]`), folded or plain strings, and the order of keys in a nested
//! mapping are not changes.
//!
//! The YAML parser is `saphyr` (pure Rust, YAML 1.2: `no` and `on` stay strings, as a country code or
//! a word in a title must). Front matter that is not valid YAML, or not a mapping of keys, is read line
//! by line (`key: value`, continuation lines joined), as it was before YAML was parsed, and the reason
//! is kept for a note.

use saphyr::{LoadableYamlNode, Scalar, Yaml};

/// Entries of front matter: top-level key and its value, in the document's order.
pub(super) type Entries = Vec<(String, String)>;

/// The front matter's entries from its parsed YAML, or why it could not be read so. `first_line` is
/// the line of the source the YAML text starts on, so errors point at the draft's own lines.
pub(super) fn yaml_entries(text: &str, first_line: u32) -> Result<Entries, String> {
    let documents = Yaml::load_from_str(text).map_err(|e| {
        let line = first_line as usize + e.marker().line().saturating_sub(1);
        format!("{} at line {line}", e.info())
    })?;
    let Some(document) = documents.into_iter().next() else {
        return Ok(Vec::new());
    };
    match document {
        Yaml::Mapping(mapping) => Ok(mapping
            .iter()
            .map(|(key, value)| (canonical(key, false), canonical(value, false)))
            .collect()),
        Yaml::Value(Scalar::Null) => Ok(Vec::new()),
        _ => Err("not a mapping of keys to values".to_string()),
    }
}

/// Entries read line by line: a line starting `key:` opens an entry, and any other line continues
/// the last one.
pub(super) fn line_entries(text: &str) -> Entries {
    let mut entries: Entries = Vec::new();
    for line in text.lines() {
        let top_level = !line.starts_with([' ', '\t', '-']);
        match line.split_once(':') {
            Some((key, value)) if top_level && !key.trim().is_empty() => {
                entries.push((key.trim().to_string(), value.trim().to_string()));
            }
            _ => {
                if let Some((_, value)) = entries.last_mut() {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(line.trim());
                }
            }
        }
    }
    entries
}

/// A value written one way: scalars as their text (a top-level null as nothing), sequences as
/// `[a, b]`, mappings as `{k: v}` with keys in order. Inside a collection a string that could be
/// read as structure (`a, b`) is quoted, so `["a, b"]` and `[a, b]` stay apart.
fn canonical(node: &Yaml, nested: bool) -> String {
    match node {
        Yaml::Value(scalar) => scalar_text(scalar, nested),
        Yaml::Representation(text, _, _) => string_text(text, nested),
        Yaml::Sequence(items) => {
            let items: Vec<String> = items.iter().map(|item| canonical(item, true)).collect();
            format!("[{}]", items.join(", "))
        }
        Yaml::Mapping(mapping) => {
            let mut pairs: Vec<String> = mapping
                .iter()
                .map(|(k, v)| format!("{}: {}", canonical(k, true), canonical(v, true)))
                .collect();
            pairs.sort();
            format!("{{{}}}", pairs.join(", "))
        }
        Yaml::Tagged(tag, inner) if is_core(&tag.handle) => canonical(inner, nested),
        Yaml::Tagged(tag, inner) => format!("!{} {}", tag.suffix, canonical(inner, true)),
        Yaml::Alias(id) => format!("*{id}"),
        Yaml::BadValue => String::new(),
    }
}

/// Whether a tag handle is YAML's own (`!!str`), which says no more than the value does.
fn is_core(handle: &str) -> bool {
    handle == "!!" || handle == "tag:yaml.org,2002:"
}

fn scalar_text(scalar: &Scalar<'_>, nested: bool) -> String {
    match scalar {
        Scalar::Null if nested => "null".to_string(),
        Scalar::Null => String::new(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => string_text(s, nested),
    }
}

/// A string with its spacing collapsed (a folded or literal block and a plain line read alike), and
/// quoted inside a collection when its text could be read as structure.
fn string_text(text: &str, nested: bool) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.as_str();
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains([',', '[', ']', '{', '}', ':', '"', '\'', '#', '\n']);
    if !nested || plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Entries {
        yaml_entries(text, 2).unwrap()
    }

    #[test]
    fn quoting_and_list_style_are_not_part_of_the_value() {
        let block = entries(
            "title: 'Joint Statement'\ndate: \"2024-11-16\"\nparties:\n  - China\n  - Russia\n",
        );
        let flow =
            entries("title: Joint Statement\ndate: 2024-11-16\nparties: [\"China\", 'Russia']\n");
        assert_eq!(block, flow);
        assert_eq!(
            block[2],
            ("parties".to_string(), "[China, Russia]".to_string())
        );
    }

    #[test]
    fn folded_strings_and_nested_key_order_are_not_changes() {
        let folded = entries("summary: >\n  The Parties\n  met.\nmeta: {b: 2, a: 1}\n");
        let plain = entries("summary: The Parties met.\nmeta:\n  a: 1\n  b: 2\n");
        // A folded scalar keeps a final newline; the plain one has none. Both read as the words.
        assert_eq!(folded[0], plain[0]);
        assert_eq!(folded[1], plain[1]);
        assert_eq!(plain[1].1, "{a: 1, b: 2}");
    }

    #[test]
    fn yaml_1_2_keeps_country_codes_as_strings() {
        let read = entries("country: NO\nflag: on\nvalid: true\nempty:\n");
        assert_eq!(read[0].1, "NO");
        assert_eq!(read[1].1, "on");
        assert_eq!(read[2].1, "true");
        assert_eq!(read[3].1, "");
    }

    #[test]
    fn a_string_that_looks_like_structure_is_quoted_inside_a_list() {
        assert_ne!(entries("a: [\"x, y\"]\n"), entries("a: [x, y]\n"));
    }

    #[test]
    fn invalid_yaml_says_where() {
        let err = yaml_entries("title: [unclosed\nnext: x\n", 2).unwrap_err();
        assert!(err.contains("at line"), "{err}");
        let err = yaml_entries("- just\n- a list\n", 2).unwrap_err();
        assert_eq!(err, "not a mapping of keys to values");
        assert_eq!(yaml_entries("# only a comment\n", 2), Ok(Vec::new()));
    }

    #[test]
    fn lines_are_read_as_before_when_yaml_fails() {
        let read = line_entries("title: \"Readout\\\n  \\ of a meeting\"\ndate: '2024-11-16'\n");
        assert_eq!(read[1], ("date".to_string(), "'2024-11-16'".to_string()));
    }
}
