//! Giving every post a unique, valid id (the alphabet itself is
//! `folio_core::is_id_delimiter`).

use std::collections::{HashMap, HashSet};

use folio_core::{is_id_delimiter, MAX_ID_BYTES};

use crate::fields::Parsed;
use crate::report::{Diagnostic, Kind};

/// Longest id made from a slug, leaving room for a collision's date suffix.
const MAX_SLUG_ID_BYTES: usize = MAX_ID_BYTES - 20;
/// Longest id with its `-YYYY-MM-DD` suffix, leaving room for a counter.
const MAX_DATED_ID_BYTES: usize = MAX_ID_BYTES - 4;

/// Turns slugs into unique, valid ids. Posts are visited oldest first (then
/// by path), so the oldest post keeps the plain slug and later ones get their
/// date appended: `this-week-in-edge-rails-2013-05-06`. Adding a newer post
/// never renames an older one.
pub(crate) fn assign_ids(posts: &[Parsed], diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by(|&a, &b| {
        posts[a].date.cmp(&posts[b].date).then_with(|| posts[a].shown.cmp(&posts[b].shown))
    });
    let mut ids = vec![String::new(); posts.len()];
    let mut owner: HashMap<String, usize> = HashMap::with_capacity(posts.len());
    let mut used: HashSet<String> = HashSet::with_capacity(posts.len());
    for i in order {
        let base = id_from_slug(&posts[i].slug);
        let mut id = base.clone();
        if used.contains(&id) {
            let dated = clip(&format!("{base}-{}", posts[i].date.format("%Y-%m-%d")), MAX_DATED_ID_BYTES);
            id = dated.clone();
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{dated}-{n}");
                n += 1;
            }
            let first = owner.get(&base).map_or("another post", |&j| posts[j].shown.as_str());
            diagnostics.push(Diagnostic::new(
                Kind::IdCollision,
                &posts[i].shown,
                None,
                Some("id"),
                format!("id `{base}` is already used by {first}; this post's id is `{id}`"),
            ));
        }
        used.insert(id.clone());
        owner.entry(base).or_insert(i);
        ids[i] = id;
    }
    ids
}

/// A valid id from a slug: id delimiters become `-`, runs of `-` fold, and
/// the id fits with room to spare for a collision suffix.
fn id_from_slug(slug: &str) -> String {
    let mut id = String::with_capacity(slug.len());
    for c in slug.chars() {
        if is_id_delimiter(c) {
            if !id.ends_with('-') {
                id.push('-');
            }
        } else {
            id.push(c);
        }
    }
    let id = clip(id.trim_matches('-'), MAX_SLUG_ID_BYTES);
    if id.is_empty() || id.chars().all(|c| c == '.') {
        "post".to_owned()
    } else {
        id
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character.
fn clip(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_awkward_slugs() {
        assert_eq!(id_from_slug("escape-+ %20[]"), "escape-+-20[]");
        assert_eq!(id_from_slug("hash-#1"), "hash-1");
        assert_eq!(id_from_slug("special-chars-(+)"), "special-chars-(+)");
        assert_eq!(id_from_slug("///"), "post");
        assert_eq!(id_from_slug(".."), "post", "dot-only ids are not valid");
        for slug in ["字".repeat(100), "a".repeat(500), "tab\tand\nnewline".into()] {
            assert!(folio_core::validate_id(&id_from_slug(&slug)).is_ok(), "{slug}");
        }
    }
}
