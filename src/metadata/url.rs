//! Just enough URL handling for metadata: resolving a reference against a base
//! (RFC 3986 section 5.2, without percent-encoding work) and reading the host.

/// Whether `u` starts with a scheme (`https:`, `data:`...).
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn has_scheme(u: &str) -> bool {
    let Some(colon) = u.find(':') else {
        return false;
    };
    let scheme = &u[..colon];
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// An absolute hierarchical URL (`scheme://authority...`), usable as a base.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn is_absolute_http(u: &str) -> bool {
    has_scheme(u) && u.find(':').is_some_and(|c| u[c + 1..].starts_with("//"))
}

/// Resolves `href` against `base`. Absolute references come back as they are; a relative one
/// with no usable base comes back unchanged. `None` for an empty reference.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href: String = href
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if href.is_empty() {
        return None;
    }
    if has_scheme(&href) {
        return Some(href);
    }
    let Some(base) = base.filter(|b| is_absolute_http(b)) else {
        return Some(href);
    };
    let colon = base.find(':')?;
    let scheme = &base[..colon];
    let after = &base[colon + 3..];
    let auth_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..auth_end];
    let rest = &after[auth_end..];
    let rest_no_frag = &rest[..rest.find('#').unwrap_or(rest.len())];
    let base_path = &rest_no_frag[..rest_no_frag.find('?').unwrap_or(rest_no_frag.len())];

    if let Some(net) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{net}"));
    }
    if href.starts_with('#') {
        return Some(format!("{scheme}://{authority}{rest_no_frag}{href}"));
    }
    if href.starts_with('?') {
        let path = if base_path.is_empty() { "/" } else { base_path };
        return Some(format!("{scheme}://{authority}{path}{href}"));
    }
    let split = href.find(['?', '#']).unwrap_or(href.len());
    let (path, tail) = href.split_at(split);
    let merged = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "/",
        };
        format!("{dir}{path}")
    };
    Some(format!(
        "{scheme}://{authority}{}{tail}",
        remove_dot_segments(&merged)
    ))
}

#[cfg_attr(pith_size, optimize(size))]
fn remove_dot_segments(path: &str) -> String {
    let segs: Vec<&str> = path.split('/').collect();
    let mut out: Vec<&str> = Vec::new();
    let n = segs.len();
    for (i, seg) in segs.iter().enumerate().skip(1) {
        let last = i + 1 == n;
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// The host of an absolute URL, lowercased, without `www.`, port or user info.
#[cfg_attr(pith_size, optimize(size))]
pub(crate) fn host(u: &str) -> Option<String> {
    if !is_absolute_http(u) {
        return None;
    }
    let after = &u[u.find("://")? + 3..];
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let mut auth = &after[..end];
    if let Some(at) = auth.rfind('@') {
        auth = &auth[at + 1..];
    }
    if let Some(colon) = auth.rfind(':') {
        if !auth.ends_with(']') {
            auth = &auth[..colon];
        }
    }
    let h = auth.to_ascii_lowercase();
    let h = h.strip_prefix("www.").unwrap_or(&h).to_string();
    (!h.is_empty()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_references() {
        let b = Some("https://ex.com/a/b/c.html?q=1#f");
        let r = |h: &str| resolve(b, h).unwrap();
        assert_eq!(r("https://cdn.ex/i.jpg"), "https://cdn.ex/i.jpg");
        assert_eq!(r("//cdn.ex/i.jpg"), "https://cdn.ex/i.jpg");
        assert_eq!(r("/img/x.png"), "https://ex.com/img/x.png");
        assert_eq!(r("x.png"), "https://ex.com/a/b/x.png");
        assert_eq!(r("../x.png"), "https://ex.com/a/x.png");
        assert_eq!(r("../../../../x.png"), "https://ex.com/x.png");
        assert_eq!(r("./"), "https://ex.com/a/b/");
        assert_eq!(r("?p=2"), "https://ex.com/a/b/c.html?p=2");
        assert_eq!(r("#top"), "https://ex.com/a/b/c.html?q=1#top");
        assert_eq!(r(" x\n.png "), "https://ex.com/a/b/x.png");
        assert_eq!(
            resolve(Some("https://ex.com"), "x").unwrap(),
            "https://ex.com/x"
        );
        assert_eq!(resolve(None, "/x").unwrap(), "/x");
        assert_eq!(resolve(Some("/relative/base"), "x").unwrap(), "x");
        assert_eq!(resolve(b, "  "), None);
    }

    #[test]
    fn reads_hosts() {
        assert_eq!(
            host("https://www.Example.co.uk:8080/x").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(
            host("http://user@news.site.com").as_deref(),
            Some("news.site.com")
        );
        assert_eq!(host("/x"), None);
        assert_eq!(host("mailto:a@b"), None);
    }
}
