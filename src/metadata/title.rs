//! The headline out of a `<title>` that has the site's name glued on
//! (`Headline | Site`, `Site - Headline`, `Headline :: Section :: Site`...).

use crate::text_util::word_count;

/// A cleaned title and the part that was cut off (usually the site's name).
#[derive(Debug, PartialEq)]
pub(crate) struct Cut {
    pub title: String,
    pub removed: Option<String>,
}

/// Lowercase letters and digits only: `"Example News"` and `examplenews.com`'s label compare equal.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(crate::lower::lower_char)
        .collect()
}

/// Keys a site is known by: its name and its host (`example.co.uk` -> `examplecouk`,
/// `example`).
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn site_keys(site_name: Option<&str>, host: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(s) = site_name {
        keys.push(key(s));
    }
    if let Some(h) = host {
        keys.push(key(h));
        let labels: Vec<&str> = h.split('.').filter(|l| !l.is_empty()).collect();
        // The registrable label: the one before the public suffix (co.uk, com.au, com...).
        let generic = |l: &str| {
            matches!(
                l,
                "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "ne" | "or"
            )
        };
        let mut n = labels.len();
        if n >= 2 {
            n -= 1;
            if n >= 2 && generic(labels[n - 1]) {
                n -= 1;
            }
            keys.push(key(labels[n - 1]));
        }
        if let Some(first) = labels.first() {
            if !matches!(
                *first,
                "m" | "amp" | "mobile" | "edition" | "news" | "blog" | "blogs"
            ) {
                keys.push(key(first));
            }
        }
    }
    keys.retain(|k| k.chars().count() >= 2);
    keys.dedup();
    keys
}

/// Separator byte ranges (with the whitespace around them) in document order.
#[cfg_attr(pith_size, optimize(size))]
fn separators(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let ws_before = |i: usize| i > 0 && b[i - 1].is_ascii_whitespace();
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        let ws_after = b.get(end).is_some_and(u8::is_ascii_whitespace);
        let is_sep = match c {
            '|' => true,
            ':' => b.get(end) == Some(&b':') && ws_before(i),
            '–' | '—' | '-' | '·' | '•' | '»' | '«' | '›' | '~' | '/' => {
                ws_before(i) && ws_after
            }
            _ => false,
        };
        if !is_sep {
            continue;
        }
        let mut start = i;
        while start > 0 && b[start - 1].is_ascii_whitespace() {
            start -= 1;
        }
        let mut stop = if c == ':' { end + 1 } else { end };
        while stop < b.len() && b[stop].is_ascii_whitespace() {
            stop += 1;
        }
        // `||` or `| |` and the like: one separator.
        if let Some(last) = out.last_mut() {
            if last.1 >= start {
                last.1 = last.1.max(stop);
                continue;
            }
        }
        out.push((start, stop));
    }
    out
}

#[cfg_attr(pith_size, optimize(size))]
fn matches_site(seg: &str, keys: &[String]) -> bool {
    let k = key(seg);
    if k.is_empty() {
        return false;
    }
    keys.iter().any(|s| {
        k == *s
            || (word_count(seg) <= 3
                && s.len() >= 3
                && k.len().abs_diff(s.len()) <= 8
                && (k.starts_with(s.as_str()) || k.ends_with(s.as_str()) || s.starts_with(&k)))
    })
}

/// Cleans a `<title>`: cuts the site's name, or failing that a short end segment when what
/// remains is long enough to be a headline.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn clean(title: &str, keys: &[String]) -> Cut {
    let seps = separators(title);
    let (Some(&(first_start, first_end)), Some(&(last_start, last_end))) =
        (seps.first(), seps.last())
    else {
        return Cut {
            title: title.trim().to_string(),
            removed: None,
        };
    };
    let head = title[..last_start].trim();
    let last = title[last_end..].trim();
    let first = title[..first_start].trim();
    let tail = title[first_end..].trim();
    let site_last = !head.is_empty() && matches_site(last, keys);
    let site_first = !tail.is_empty() && matches_site(first, keys);
    if site_last
        || (!site_first && !last.is_empty() && word_count(last) <= 5 && word_count(head) >= 3)
    {
        let end = cut_sections(title, &seps, last_start);
        return Cut {
            title: title[..end].trim().to_string(),
            removed: Some(last.to_string()),
        };
    }
    // `Site | Headline`: only when the first part looks like a name (capitalised words).
    let name_like = first
        .split_whitespace()
        .all(|w| !w.starts_with(char::is_lowercase));
    if site_first
        || (!first.is_empty()
            && name_like
            && word_count(first) <= 5
            && word_count(tail) >= 3
            && word_count(tail) > word_count(first))
    {
        return Cut {
            title: tail.to_string(),
            removed: Some(first.to_string()),
        };
    }
    Cut {
        title: title.trim().to_string(),
        removed: None,
    }
}

/// `Headline | Section | Site`: with pipe-like separators, also cuts short sections before
/// the site's name. Returns where the headline ends.
#[cfg_attr(pith_size, optimize(size))]
fn cut_sections(title: &str, seps: &[(usize, usize)], mut end: usize) -> usize {
    let pipe_like = |(a, b): (usize, usize)| {
        matches!(
            title[a..b].trim(),
            "|" | "::" | "»" | "›" | "·" | "•" | "||"
        )
    };
    if !seps.last().is_some_and(|&s| pipe_like(s)) {
        return end;
    }
    for w in seps.windows(2).rev() {
        let (prev, cur) = (w[0], w[1]);
        if cur.0 != end {
            break;
        }
        let seg = title[prev.1..cur.0].trim();
        let rest = title[..prev.0].trim();
        if pipe_like(prev) && word_count(seg) <= 3 && word_count(rest) >= 3 {
            end = prev.0;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(t: &str, site: Option<&str>, host: Option<&str>) -> (String, Option<String>) {
        let cut = clean(t, &site_keys(site, host));
        (cut.title, cut.removed)
    }

    #[test]
    fn cuts_site_names_with_many_separators() {
        let cases = [
            (
                "Rivers rise after a week of rain | The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain - The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain – The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain — The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain :: The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain · The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain » The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "Rivers rise after a week of rain|The Daily",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
            (
                "The Daily | Rivers rise after a week of rain",
                "Rivers rise after a week of rain",
                "The Daily",
            ),
        ];
        for (t, want, removed) in cases {
            assert_eq!(
                c(t, Some("The Daily"), None),
                (want.to_string(), Some(removed.to_string())),
                "{t}"
            );
            assert_eq!(c(t, None, None).0, want, "no site name: {t}");
        }
    }

    #[test]
    fn uses_the_domain() {
        assert_eq!(
            c("Budget passes - example.com", None, Some("example.com")).0,
            "Budget passes"
        );
        assert_eq!(
            c("Budget passes | Example", None, Some("example.co.uk")).0,
            "Budget passes"
        );
        assert_eq!(
            c("EXAMPLE :: Budget passes", None, Some("example.com")).0,
            "Budget passes"
        );
    }

    #[test]
    fn keeps_titles_that_are_not_site_names() {
        // The cut would leave too little.
        assert_eq!(c("Python - Wikipedia", None, None).0, "Python - Wikipedia");
        // Hyphenated words are not separators.
        assert_eq!(
            c("A well-known state-of-the-art method", None, None).0,
            "A well-known state-of-the-art method"
        );
        // A long last part is part of the headline.
        assert_eq!(
            c(
                "Why it matters - and what the council plans to do about it next year",
                None,
                None
            )
            .0,
            "Why it matters - and what the council plans to do about it next year"
        );
        assert_eq!(c("Plain headline", Some("Site"), None).0, "Plain headline");
        assert_eq!(c("", Some("Site"), None).0, "");
        assert_eq!(c(" | ", Some("Site"), None).0, "|");
    }

    #[test]
    fn cuts_sections_with_pipes() {
        assert_eq!(
            c(
                "Rivers rise after a week of rain | Weather | The Daily",
                None,
                None
            )
            .0,
            "Rivers rise after a week of rain"
        );
        assert_eq!(
            c(
                "Rivers rise after a week of rain | Weather | The Daily",
                Some("The Daily"),
                None
            )
            .0,
            "Rivers rise after a week of rain"
        );
    }

    #[test]
    fn site_match_cuts_short_remainders() {
        let keys = site_keys(Some("Apple"), None);
        assert_eq!(
            clean("Apple unveils a new phone | Apple", &keys).title,
            "Apple unveils a new phone"
        );
        assert_eq!(clean("iPad | Apple", &keys).title, "iPad");
        assert_eq!(clean("iPad | Tablets", &keys).title, "iPad | Tablets");
    }

    #[test]
    fn multibyte_titles_do_not_panic() {
        for t in [
            "日本語のタイトル｜サイト",
            "Ünïcödé — ß · ñ",
            "—",
            "|||",
            "a |",
            "| a",
            "::",
            "·",
        ] {
            let _ = c(t, Some("ß"), Some("ñ.com"));
        }
    }
}
