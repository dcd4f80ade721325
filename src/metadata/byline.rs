//! Author names out of metadata values and visible bylines: `By `/`Von `/`Par `/`Автор:`/
//! `بقلم`/`作者：`... prefixes, trailing dates, roles, e-mail addresses, URLs and handles
//! removed; several authors split on `and`, `&`, `|`, `;` and (when it separates full names)
//! `,`.

use crate::lower::Lower;
use crate::text_util::prefix;
use crate::text_util::{words, Words};

/// Words that start a byline and are not part of the name (lowercase, longest first).
const PREFIXES: Words = words![
    "articles by",
    "stories by",
    "posts by",
    "more by",
    "guest post by",
    "contributed by",
    "submitted by",
    "interview by",
    "authored by",
    "recipe by",
    "review by",
    "post by",
    "written by",
    "posted by",
    "story by",
    "words by",
    "text by",
    "reporting by",
    "report by",
    "published by",
    "compiled by",
    "edited by",
    "article by",
    "opinion by",
    "analysis by",
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "przez",
    "autor",
    "autorin",
    "author",
    "authors",
    "auteur",
    "auteurs",
    "texto",
    "text",
    "redacción",
    "von:",
    "автор",
    "текст",
    "yazar",
    "tekijä",
    "teksti",
    "írta",
    "szerző",
    "napisał",
    "napisała",
    "autorka",
    "συντάκτης",
    "κείμενο",
    "بقلم",
    "كتب",
    "מאת",
    "लेखक",
    "โดย",
    "oleh",
    "penulis",
    "tác giả",
    "作者",
    "文",
];

/// Words that end the name part of a byline (lowercase, punctuation stripped).
const STOP_WORDS: Words = words![
    "view",
    "visit",
    "sponsored",
    "reviewed",
    "fact-checked",
    "medically",
    "verified",
    "edited",
    "updated",
    "update",
    "published",
    "posted",
    "modified",
    "last",
    "aktualisiert",
    "veröffentlicht",
    "publié",
    "publicado",
    "actualizado",
    "atualizado",
    "pubblicato",
    "aggiornato",
    "gepubliceerd",
    "bijgewerkt",
    "read",
    "min",
    "minutes",
    "comments",
    "follow",
    "share",
    "email",
    "e-mail",
    "twitter",
    "photo",
    "photos",
    "video",
];

/// Job titles and desk names: a part made only of these is not a person.
const ROLE_WORDS: Words = words![
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "editor",
    "editors",
    "correspondent",
    "contributor",
    "contributing",
    "columnist",
    "journalist",
    "senior",
    "chief",
    "associate",
    "deputy",
    "managing",
    "political",
    "politics",
    "news",
    "science",
    "technology",
    "tech",
    "business",
    "sports",
    "health",
    "foreign",
    "national",
    "international",
    "special",
    "freelance",
    "photographer",
    "producer",
    "analyst",
    "the",
    "a",
    "an",
    "of",
    "for",
    "and",
    "at",
    "desk",
    "team",
    "redaktion",
    "redakteur",
    "redakteurin",
    "autor",
    "author",
    "editorial",
    "board",
    "online",
    "digital",
    "culture",
    "arts",
    "opinion",
    "economics",
    "economy",
    "world",
    "local",
    "investigative",
    "data",
    "guest",
    "bureau",
    "wire",
];

/// Words that start a job title after a name.
const SUFFIX_ROLES: Words = words![
    "content",
    "marketing",
    "coordinator",
    "assistant",
    "advisor",
    "executive",
    "founder",
    "co-founder",
    "cofounder",
    "ceo",
    "cto",
    "coo",
    "cmo",
    "president",
    "director",
    "manager",
    "head",
    "lead",
    "owner",
    "principal",
    "partner",
    "consultant",
    "specialist",
    "coach",
    "intern",
    "professor",
    "researcher",
    "engineer",
    "developer",
    "designer",
    "strategist",
    "marketer",
    "officer",
    "vp",
    "chair",
    "chairman",
    "host",
    "anchor",
];

/// Values that are placeholders, not names.
const JUNK: Words = words![
    "sign in",
    "log in",
    "login",
    "subscribe",
    "menu",
    "search",
    "home",
    "topic author",
    "written by",
    "share",
    "follow",
    "admin",
    "administrator",
    "unknown",
    "anonymous",
    "null",
    "undefined",
    "none",
    "guest",
    "author",
    "by",
    "staff",
    "editor",
    "webmaster",
    "root",
    "user",
];

const MONTH_WORDS: Words = words![
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Adds the authors named in `raw` to `out` (de-duplicated). `strict` is for visible text:
/// fewer words per name, capitalised, and a long text is a bio, not a byline.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn add_authors(raw: &str, strict: bool, out: &mut Vec<String>) {
    let s = crate::text_util::collapse_whitespace(raw);
    if s.is_empty() || (strict && s.chars().count() > 160) {
        return;
    }
    let s = prefix(&s, 400);
    let s = strip_prefix(s);
    if JUNK.contains(&s.trim().to_lower().as_str()) {
        return;
    }
    let mut parts: Vec<String> = Vec::new();
    for piece in split_outer(s) {
        let piece = cut_at_stop(&piece, strict);
        split_commas(&piece, &mut parts);
    }
    for p in parts {
        if out.len() >= 20 {
            break;
        }
        if let Some(name) = clean_name(&p, strict) {
            push_unique(out, name);
        }
    }
}

/// Adds the authors of a line that starts with a byline's word (`By Jane Doe`, `Von Hans
/// Müller | 3. März`); a line without one names nobody.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn add_prefixed_authors(raw: &str, out: &mut Vec<String>) {
    let s = crate::text_util::collapse_whitespace(raw);
    let head = prefix(&s, 400);
    if strip_prefix(head).len() == head.trim_start().len() {
        return;
    }
    add_authors(head, true, out);
}

/// Adds one name without splitting (a value known to hold one author: `citation_author`).
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn add_author(raw: &str, strict: bool, out: &mut Vec<String>) {
    let s = crate::text_util::collapse_whitespace(raw);
    let s = strip_prefix(prefix(&s, 200));
    let mut s = cut_at_stop(s, strict);
    // `Doe, Jane` -> `Jane Doe`
    if let Some((last, first)) = s.split_once(',') {
        let (last, first) = (last.trim(), first.trim());
        if !last.is_empty() && !first.is_empty() && !first.contains(',') {
            s = format!("{first} {last}");
        }
    }
    if let Some(name) = clean_name(&s, strict) {
        push_unique(out, name);
    }
}

#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn push_unique(out: &mut Vec<String>, name: String) {
    let k = super::title::key(&name);
    if k.is_empty() {
        return;
    }
    if out.iter().any(|o| {
        let ok = super::title::key(o);
        ok == k || (ok.contains(&k) && k.len() >= 6) || (k.contains(&ok) && ok.len() >= 6)
    }) {
        return;
    }
    out.push(name);
}

#[cfg_attr(pith_size, optimize(size))]
fn strip_prefix(mut s: &str) -> &str {
    for _ in 0..3 {
        let before = s.len();
        s = s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | ':' | '·' | '•')
        });
        for p in PREFIXES {
            let n = p.len();
            if s.len() >= n
                && s.is_char_boundary(n)
                && s[..n].to_lower() == *p
                && (s.len() == n
                    || s[n..].starts_with(|c: char| c.is_whitespace() || c == ':')
                    // `文/王小明`, `作者：王小明`: a CJK label and its slash or full-width colon.
                    || !p.is_ascii() && s[n..].starts_with(['/', '／', '：'])
                    // `Written byJane Doe`: text of adjacent elements run together.
                    || (p.ends_with("by")
                        && s[..n].chars().any(char::is_lowercase)
                        && s[n..].starts_with(char::is_uppercase)))
            {
                s = &s[n..];
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '/' | '／'))
}

/// Splits on separators that always separate names.
#[cfg_attr(pith_size, optimize(size))]
fn split_outer(s: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    // After ` - `, `–` or `—` comes a role or an affiliation, up to the next separator.
    let mut skipping = false;
    for tok in s.split(' ') {
        let lower = tok.to_lower();
        if matches!(lower.as_str(), "-" | "–" | "—" | "--") {
            skipping = true;
            continue;
        }
        if matches!(
            lower.as_str(),
            "and"
                | "&"
                | "und"
                | "et"
                | "y"
                | "e"
                | "og"
                | "och"
                | "en"
                | "i"
                | "ve"
                | "и"
                | "|"
                | "/"
                | "·"
                | "•"
                | "⋅"
                | "∙"
        ) {
            pieces.push(String::new());
            skipping = false;
            continue;
        }
        if skipping {
            if tok.contains([';', '|', '•', '·', '⋅', '∙']) {
                skipping = false;
                pieces.push(String::new());
            }
            continue;
        }
        let mut rest = tok;
        while let Some(i) = rest.find([';', '|', '•', '·', '⋅', '∙']) {
            let last = pieces.last_mut().expect("never empty");
            push_word(last, &rest[..i]);
            pieces.push(String::new());
            let ch = rest[i..].chars().next().map_or(1, char::len_utf8);
            rest = &rest[i + ch..];
        }
        let last = pieces.last_mut().expect("never empty");
        push_word(last, rest);
    }
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

#[cfg_attr(pith_size, optimize(size))]
fn push_word(s: &mut String, w: &str) {
    if w.is_empty() {
        return;
    }
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(w);
}

/// Cuts the name part before a date, a time, a stop word or a parenthesis (and, in visible
/// text, before `in`: `Jane in Woodworking`). Nothing is left when the words kept end in a
/// colon: they label what was cut (`Reading time: 2 minutes`).
#[cfg_attr(pith_size, optimize(size))]
fn cut_at_stop(s: &str, strict: bool) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if !strict && words.len() == 1 && is_handle(words[0]) {
        return s.to_string();
    }
    let bare_of = |w: &str| -> String { w.trim_matches(|c: char| !c.is_alphanumeric()).to_lower() };
    let is_month = |w: &str| MONTH_WORDS.contains(&bare_of(w).as_str());
    let mut keep = words.len();
    let mut glued: Option<String> = None;
    for (i, w) in words.iter().enumerate() {
        let bare = bare_of(w);
        let next_has_digit = words
            .get(i + 1)
            .is_some_and(|n| n.chars().any(|c| c.is_ascii_digit()));
        if w.chars().any(|c| c.is_ascii_digit())
            || w.starts_with('(')
            || STOP_WORDS.contains(&bare.as_str())
            || (strict && i > 0 && bare == "in")
            || (is_month(w)
                && (next_has_digit || i > 0 && words[i - 1].chars().any(|c| c.is_ascii_digit())))
            || (matches!(
                bare.as_str(),
                "on" | "am" | "le" | "el" | "il" | "op" | "at" | "|"
            ) && (next_has_digit || words.get(i + 1).is_some_and(|n| is_month(n))))
        {
            keep = i;
            break;
        }
        // `KimDecember`: a name and a month run together.
        if let Some(cut) = glued_cut(w) {
            glued = Some(w[..cut].to_string());
            keep = i;
            break;
        }
    }
    if keep > 0 && keep < words.len() && words[keep - 1].ends_with([':', '：']) {
        // `Reading time: 2 minutes`: what comes before the cut is a label, not a name.
        return String::new();
    }
    let mut out = words[..keep].join(" ");
    if let Some(g) = glued {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&g);
    }
    out
}

/// A user name with digits in it (`Ejp55230`, `kayak_fan42`): a letter, then letters, digits
/// and `_` only (a date has its digits apart, or `-`, `/`, `.` between them). Taken whole from
/// structured data (microdata, JSON-LD), where one word is one name.
#[cfg_attr(pith_size, optimize(size))]
fn is_handle(w: &str) -> bool {
    w.starts_with(char::is_alphabetic)
        && w.chars().any(|c| c.is_ascii_digit())
        && w.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Where a month name or stop word glued to the end of a word starts (`KimDecember` -> 3).
#[cfg_attr(pith_size, optimize(size))]
fn glued_cut(w: &str) -> Option<usize> {
    let mut prev_lower = false;
    for (i, c) in w.char_indices() {
        if prev_lower && c.is_uppercase() {
            let rest = w[i..]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lower();
            if MONTH_WORDS.contains(&rest.as_str()) || STOP_WORDS.contains(&rest.as_str()) {
                return Some(i);
            }
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// `Jane Doe, John Roe` is two authors; `Doe, Jane` is one; `Jane Doe, Staff Writer` is
/// one author and a role.
#[cfg_attr(pith_size, optimize(size))]
fn split_commas(s: &str, out: &mut Vec<String>) {
    let parts: Vec<&str> = s
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() <= 1 {
        out.extend(parts.iter().map(|p| p.to_string()));
        return;
    }
    if parts[0].split(' ').count() < 2 {
        out.push(parts.join(", "));
        return;
    }
    out.push(parts[0].to_string());
    for p in &parts[1..] {
        if p.split(' ').count() >= 2 {
            out.push(p.to_string());
        }
    }
}

#[cfg_attr(pith_size, optimize(size))]
fn is_role(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_lower();
            ROLE_WORDS.contains(&w.as_str()) || SUFFIX_ROLES.contains(&w.as_str()) || w == "in"
        })
}

#[cfg_attr(pith_size, optimize(size))]
fn clean_name(s: &str, strict: bool) -> Option<String> {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| {
            let l = w.to_ascii_lowercase();
            !(w.contains('@')
                || l.starts_with("http:")
                || l.starts_with("https:")
                || l.starts_with("www."))
        })
        .collect();
    // An avatar's initials before the name: `JD Jane Doe`.
    let mut words = words;
    if words.len() >= 3 {
        let first = words[0];
        let initials: String = words[1..].iter().filter_map(|w| w.chars().next()).collect();
        if (2..=3).contains(&first.chars().count())
            && first.chars().all(char::is_uppercase)
            && initials.starts_with(first)
        {
            words.remove(0);
        }
    }
    // A role after the name: `Keith Barry Senior Autos Reporter`, `Jane Doe Founder at X`.
    if let Some(i) = (2..words.len()).find(|&i| {
        let bare = words[i]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lower();
        SUFFIX_ROLES.contains(&bare.as_str())
            || (ROLE_WORDS.contains(&bare.as_str())
                && !matches!(
                    bare.as_str(),
                    "the" | "a" | "an" | "of" | "for" | "and" | "at"
                ))
    }) {
        if words[..i]
            .iter()
            .all(|w| !w.starts_with(char::is_lowercase))
        {
            words.truncate(i);
        }
    }
    let joined = words.join(" ");
    if joined.contains("{{") || joined.contains("}}") || joined.contains("${") {
        return None;
    }
    if !joined.contains(' ') && joined.matches('.').count() >= 2 {
        return None; // page.head.author
    }
    let name = joined
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';'
                        | ':'
                        | '-'
                        | '–'
                        | '—'
                        | '|'
                        | '·'
                        | '•'
                        | '/'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '"'
                        | '“'
                        | '”'
                        | '«'
                        | '»'
                )
        })
        .to_string();
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let n_words = name.split(' ').count();
    if name.chars().count() > 80 || n_words > if strict { 5 } else { 8 } {
        return None;
    }
    if JUNK.contains(&name.to_lower().as_str()) || is_role(&name) {
        return None;
    }
    if strict && name.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str, strict: bool) -> Vec<String> {
        let mut out = Vec::new();
        add_authors(s, strict, &mut out);
        out
    }

    #[test]
    fn cleans_bylines() {
        assert_eq!(a("Ejp55230", false), vec!["Ejp55230"]);
        assert_eq!(a("user_42", false), vec!["user_42"]);
        assert_eq!(a("By Jane Doe", true), vec!["Jane Doe"]);
        assert_eq!(a("BY JANE DOE", true), vec!["JANE DOE"]);
        assert_eq!(a("Written by Jane Doe", true), vec!["Jane Doe"]);
        assert_eq!(a("Von Hans Müller", true), vec!["Hans Müller"]);
        assert_eq!(
            a("Par Émile Zola, le 5 mars 2024", true),
            vec!["Émile Zola"]
        );
        assert_eq!(
            a("By Jane Doe and John Roe", true),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            a("By Jane Doe & John Roe | March 5, 2024", true),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            a("Jane Doe, John Roe, Ann Lee", false),
            vec!["Jane Doe", "John Roe", "Ann Lee"]
        );
        assert_eq!(a("By Jane Doe, Staff Writer", true), vec!["Jane Doe"]);
        assert_eq!(a("Doe, Jane", false), vec!["Doe, Jane"]);
        assert_eq!(a("By Jane Doe on March 5, 2024", true), vec!["Jane Doe"]);
        assert_eq!(a("Jane Doe Updated 10:30 AM EST", true), vec!["Jane Doe"]);
        assert_eq!(a("Jane Doe 2024-03-05", true), vec!["Jane Doe"]);
        assert_eq!(a("Jane Doe jane@example.com", true), vec!["Jane Doe"]);
        assert_eq!(
            a("Jane Doe https://example.com/jane @janedoe", true),
            vec!["Jane Doe"]
        );
        assert_eq!(a("May Smith", true), vec!["May Smith"]);
        assert_eq!(a("Jane Doe (Reuters)", true), vec!["Jane Doe"]);
        assert_eq!(a("jane doe; John Roe", false), vec!["jane doe", "John Roe"]);
        assert_eq!(a("Written byAAA Travel Editor", true), vec!["AAA Travel"]);
        assert_eq!(a("Byron Smith", true), vec!["Byron Smith"]);
        assert_eq!(a("JD Jane Doe", true), vec!["Jane Doe"]);
        assert_eq!(
            a("David Jackson - FullStack Editorial Team", false),
            vec!["David Jackson"]
        );
        assert_eq!(
            a("Jane Doe - Staff | John Roe - Editor", false),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(a("Jean-Luc Picard", true), vec!["Jean-Luc Picard"]);
        assert_eq!(a("Luke KimDecember 17, 2025", true), vec!["Luke Kim"]);
        assert_eq!(
            a("Keith Barry Senior Autos Reporter", true),
            vec!["Keith Barry"]
        );
        assert_eq!(
            a("Mateusz Haberny Founder at Oakywood", true),
            vec!["Mateusz Haberny"]
        );
        assert_eq!(
            a("Chris McNamara ⋅ Founder, Editor-in-Chief", true),
            vec!["Chris McNamara"]
        );
        assert_eq!(
            a("MixmasterFred in Workshop Woodworking", true),
            vec!["MixmasterFred"]
        );
        assert_eq!(a("Post by galitsyn", false), vec!["galitsyn"]);
        assert_eq!(a("Recipe by PJ Hamel", true), vec!["PJ Hamel"]);
        assert_eq!(a("A. J. Neal View profile", true), vec!["A. J. Neal"]);
        assert!(a("Visit the Apple Store", true).is_empty());
        let mut out = Vec::new();
        add_author("Roy, Aniruddha", false, &mut out);
        assert_eq!(out, vec!["Aniruddha Roy"]);
    }

    #[test]
    fn rejects_non_names() {
        assert!(a("admin", false).is_empty());
        assert!(a("Ejp55230 12 March 2024", false).is_empty());
        assert!(a("Ejp55230", true).is_empty());
        assert!(a("Written By", true).is_empty());
        assert!(a("Reading time: 2 minutes", true).is_empty());
        assert!(a("Updated: 12 March 2024", true).is_empty());
        assert!(a("Sign In", true).is_empty());
        assert!(a("page.head.extra.author", false).is_empty());
        assert!(a("{{ author.name }}", false).is_empty());
        assert!(a("By Staff", true).is_empty());
        assert!(a("Staff Writer", true).is_empty());
        assert!(a("https://example.com/author/jane", false).is_empty());
        assert!(a("share this article on your favourite network", true).is_empty());
        assert!(a(
            "Jane Doe is a reporter who covers the city council and schools.",
            true
        )
        .is_empty());
        assert!(a("", true).is_empty());
        assert!(a("2024-03-05", true).is_empty());
        assert!(a(&"x".repeat(500), true).is_empty());
    }

    #[test]
    fn deduplicates() {
        let mut out = Vec::new();
        add_authors("Jane Doe", false, &mut out);
        add_authors("JANE DOE", false, &mut out);
        add_authors("By Jane Doe", false, &mut out);
        assert_eq!(out, vec!["Jane Doe"]);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for s in [
            "By",
            "by ",
            "Byé",
            "é",
            "| | |",
            ",,,",
            "by: ",
            "ŁŁŁ by",
            "Von:",
            "and and",
            "&",
            "(((",
            "日本語 著者",
        ] {
            let _ = a(s, true);
            let _ = a(s, false);
            let mut out = Vec::new();
            add_author(s, false, &mut out);
        }
    }
}
