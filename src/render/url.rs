//! URL checks shared by the sanitiser and the renderers: a URL survives only with a scheme on
//! the allow-list (or none), and relative URLs are resolved against the page's URL when known.
//!
//! Attribute values reach here with character references already decoded by the parser, so
//! `JaVaScRiPt&#58;` arrives as `JaVaScRiPt:`. Browsers drop tabs and newlines anywhere in a
//! URL and C0 controls and spaces at its ends; so do we, before looking at the scheme.

use std::borrow::Cow;

/// What a URL is for: links may also be `mailto:`; images load over http(s) only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UrlUse {
    Link,
    Image,
}

/// Schemes a link may have.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];
/// Schemes an image may load from.
const IMAGE_SCHEMES: &[&str] = &["http", "https"];
/// Longer URLs are refused (they are data smuggled in a URL, not addresses).
const MAX_URL_LEN: usize = 8192;

/// The URL made safe for `usage`, resolved against `base` when relative; `None` to drop it.
pub(crate) fn clean(raw: &str, base: Option<&str>, usage: UrlUse) -> Option<String> {
    let is_dropped = |c: char| matches!(c, '\t' | '\n' | '\r');
    let url: Cow<str> = if raw.contains(is_dropped) {
        Cow::Owned(raw.chars().filter(|&c| !is_dropped(c)).collect())
    } else {
        Cow::Borrowed(raw)
    };
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.is_empty() || url.len() > MAX_URL_LEN {
        return None;
    }
    match scheme(url) {
        Some(Some(scheme)) => {
            let allowed = match usage {
                UrlUse::Link => LINK_SCHEMES,
                UrlUse::Image => IMAGE_SCHEMES,
            };
            allowed
                .iter()
                .any(|a| a.eq_ignore_ascii_case(scheme))
                .then(|| url.to_string())
        }
        // Text before the first `:` that is no scheme: obfuscated, refuse.
        Some(None) => None,
        None => relative(url, base),
    }
}

/// `None` for a relative URL (no `:` before the first `/`, `?` or `#`); otherwise the scheme
/// (in any case), or `Some(None)` when the text before the `:` is not a valid scheme.
fn scheme(url: &str) -> Option<Option<&str>> {
    let end = url.find([':', '/', '?', '#', '\\'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let s = &url[..end];
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    Some(valid.then_some(s))
}

/// A relative URL, resolved when there is a usable base.
fn relative(url: &str, base: Option<&str>) -> Option<String> {
    // `javascript&#58;x` is a harmless relative path in HTML, but Markdown decodes character
    // references in link destinations: refuse an `&` before the first path separator.
    let first_segment = &url[..url.find(['/', '?', '#', '\\']).unwrap_or(url.len())];
    if first_segment.contains('&') {
        return None;
    }
    match base.and_then(Base::parse) {
        Some(base) => Some(base.resolve(url)),
        None => Some(url.to_string()),
    }
}

/// An absolute http(s) URL split for resolving references against it (RFC 3986 §5.2).
struct Base<'a> {
    scheme: String,
    authority: &'a str,
    /// Empty or starting with `/`.
    path: &'a str,
    /// Empty or starting with `?`.
    query: &'a str,
}

impl<'a> Base<'a> {
    /// Only http(s) URLs with a host serve as bases.
    fn parse(url: &'a str) -> Option<Self> {
        let url = url.trim();
        let (scheme, rest) = url.split_once(':')?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let rest = rest.strip_prefix("//")?;
        let rest = &rest[..rest.find('#').unwrap_or(rest.len())];
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        if authority.is_empty() {
            return None;
        }
        let tail = &rest[authority_end..];
        let (path, query) = tail.split_at(tail.find('?').unwrap_or(tail.len()));
        Some(Base {
            scheme,
            authority,
            path,
            query,
        })
    }

    /// The absolute URL of a relative reference. Backslashes count as slashes, as browsers
    /// read them in http(s) URLs.
    fn resolve(&self, reference: &str) -> String {
        let reference = reference.replace('\\', "/");
        if reference.starts_with("//") {
            return format!("{}:{reference}", self.scheme);
        }
        let origin = format!("{}://{}", self.scheme, self.authority);
        let (path, suffix) =
            reference.split_at(reference.find(['?', '#']).unwrap_or(reference.len()));
        if path.is_empty() {
            let base_path = if self.path.is_empty() { "/" } else { self.path };
            let query = if suffix.starts_with('#') {
                self.query
            } else {
                ""
            };
            format!("{origin}{base_path}{query}{suffix}")
        } else if path.starts_with('/') {
            format!("{origin}{}{suffix}", remove_dot_segments(path))
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            let merged = if dir.is_empty() {
                format!("/{path}")
            } else {
                format!("{dir}{path}")
            };
            format!("{origin}{}{suffix}", remove_dot_segments(&merged))
        }
    }
}

/// Resolves `.` and `..` segments of an absolute path (RFC 3986 §5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {}
            ".." => {
                out.pop();
            }
            s => {
                out.push(s);
                continue;
            }
        }
        if last {
            out.push("");
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(u: &str) -> Option<String> {
        clean(
            u,
            Some("https://example.com/news/2024/story.html?x=1#top"),
            UrlUse::Link,
        )
    }

    #[test]
    fn refuses_dangerous_and_obfuscated_schemes() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\u{0}script:alert(1)",
            "java\u{fffd}script:alert(1)",
            "\u{a0}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/png;base64,AAAA",
            "file:///etc/passwd",
            "javascript&#58;alert(1)",
            "javascript&colon;alert(1)",
            "ftp://example.com/",
            "",
            "   ",
        ] {
            assert_eq!(link(bad), None, "{bad:?}");
        }
        assert_eq!(clean("mailto:a@b.c", None, UrlUse::Image), None);
        assert_eq!(
            clean("data:image/gif;base64,R0l", None, UrlUse::Image),
            None
        );
    }

    #[test]
    fn keeps_allowed_schemes() {
        assert_eq!(link("HTTPS://a.b/c").as_deref(), Some("HTTPS://a.b/c"));
        assert_eq!(link(" mailto:a@b.c ").as_deref(), Some("mailto:a@b.c"));
        assert_eq!(
            clean("http://a.b/i.png", None, UrlUse::Image).as_deref(),
            Some("http://a.b/i.png")
        );
    }

    #[test]
    fn resolves_relative_urls() {
        let cases = [
            ("a.html", "https://example.com/news/2024/a.html"),
            ("../a.html", "https://example.com/news/a.html"),
            ("../../../../a", "https://example.com/a"),
            ("./", "https://example.com/news/2024/"),
            ("/root?q=1#f", "https://example.com/root?q=1#f"),
            ("//cdn.example.net/i.png", "https://cdn.example.net/i.png"),
            ("?page=2", "https://example.com/news/2024/story.html?page=2"),
            (
                "#section",
                "https://example.com/news/2024/story.html?x=1#section",
            ),
            ("\\other\\path", "https://example.com/other/path"),
            ("b/./c/../d", "https://example.com/news/2024/b/d"),
        ];
        for (rel, abs) in cases {
            assert_eq!(link(rel).as_deref(), Some(abs), "{rel}");
        }
        assert_eq!(
            clean("x/y", Some("http://h"), UrlUse::Link).as_deref(),
            Some("http://h/x/y")
        );
    }

    #[test]
    fn keeps_relative_urls_without_a_usable_base() {
        assert_eq!(
            clean("a/b.png", None, UrlUse::Image).as_deref(),
            Some("a/b.png")
        );
        assert_eq!(
            clean("a/b.png", Some("file:///tmp/x.html"), UrlUse::Image).as_deref(),
            Some("a/b.png")
        );
        assert_eq!(
            clean("page?a=1&b=2", None, UrlUse::Link).as_deref(),
            Some("page?a=1&b=2")
        );
    }
}
