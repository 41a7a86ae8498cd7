//! URL slugs: lowercase ASCII words joined by hyphens, transliterated from any script.

/// `Moon Jae-in` → `moon-jae-in`; `문재인` → `mun-jae-in`-style transliteration, never an empty slug.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') && c != '\'' && c != '’' {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("untitled");
    }
    slug
}

/// Gives each name a distinct slug. Names are taken in the order given (callers sort them first),
/// so the first `Kim Jong-un` keeps `kim-jong-un` and a later one that slugs the same gets `kim-jong-un-2`.
pub fn unique_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    distinct_slugs(names.into_iter().map(slugify).collect())
}

/// Makes `slugs` (made by [`slugify`], in order) distinct as [`unique_slugs`] does: a slug taken
/// by an earlier one gets the first free `-2`, `-3`… For callers that slug their names on every
/// core first.
pub fn distinct_slugs(slugs: Vec<String>) -> Vec<String> {
    let mut taken: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut out = Vec::with_capacity(slugs.len());
    for base in slugs {
        let mut slug = base.clone();
        let mut n = 1;
        while taken.contains(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        taken.insert(slug.clone());
        out.push(slug);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanised_korean_names_keep_their_hyphens() {
        assert_eq!(slugify("Moon Jae-in"), "moon-jae-in");
        assert_eq!(slugify("Yoon Suk Yeol"), "yoon-suk-yeol");
    }

    #[test]
    fn apostrophes_and_punctuation_collapse() {
        assert_eq!(slugify("O'Brien"), "obrien");
        assert_eq!(slugify("  U.S.–ROK  talks!! "), "u-s-rok-talks");
    }

    #[test]
    fn hangul_is_transliterated_not_dropped() {
        let slug = slugify("문재인");
        assert!(!slug.is_empty() && slug != "untitled", "{slug}");
        assert!(slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }

    #[test]
    fn empty_names_still_get_a_slug() {
        assert_eq!(slugify("!!!"), "untitled");
    }

    #[test]
    fn collisions_get_numbered_suffixes_in_order() {
        assert_eq!(
            unique_slugs(["Kim Jong-un", "Kim Jong Un", "kim jong un"]),
            ["kim-jong-un", "kim-jong-un-2", "kim-jong-un-3"]
        );
    }
}
