//! The parts of the page layout that are the same on every page of one depth and section: the
//! head's links to the theme, the site's navigation and the footer. Each is a partial rendered
//! once per depth and section and handed to the pages as ready HTML (`site_head`, `site_nav`,
//! `site_footer`, which `base.html` prints): rendering them again on each of 10,000 pages cost
//! some 3% of a build, as lookups of `root`, `t` and `site`.

use std::sync::{Arc, Mutex};

use crate::error::Error;

/// The partials, with the name `base.html` prints each one's HTML under.
pub const PARTS: [(&str, &str); 3] = [
    ("site_head", "partials/site_head.html"),
    ("site_nav", "partials/site_nav.html"),
    ("site_footer", "partials/site_footer.html"),
];

/// The three parts, in the order of [`PARTS`], each a string safe to print as it is.
pub type Parts = Arc<[tera::Value; 3]>;

/// The rendered parts of each (root, section) met so far. A book has a handful: four depths or
/// so, times the navigation's sections.
#[derive(Default)]
pub struct Chrome {
    rendered: Mutex<Vec<(String, &'static str, Parts)>>,
}

impl Chrome {
    /// The parts for a page at `root` in `section`, each made safe to print as it is; `render`
    /// renders a partial with a context when they are not made yet.
    pub fn parts(
        &self,
        root: &str,
        section: &'static str,
        render: impl Fn(&str, &tera::Context) -> Result<String, Error>,
    ) -> Result<Parts, Error> {
        if let Some(parts) = self.find(root, section) {
            return Ok(parts);
        }
        // Rendered outside the lock: two threads may both render a new pair, and the first kept
        // wins; the parts are the same.
        let mut context = tera::Context::new();
        context.insert("root", root);
        context.insert("section", section);
        let render_part = |template| -> Result<tera::Value, Error> {
            Ok(tera::Value::safe_string(&render(template, &context)?))
        };
        let parts = [
            render_part(PARTS[0].1)?,
            render_part(PARTS[1].1)?,
            render_part(PARTS[2].1)?,
        ];
        let mut rendered = self.lock();
        if let Some(kept) = find_in(&rendered, root, section) {
            return Ok(kept);
        }
        let parts = Arc::new(parts);
        rendered.push((root.to_string(), section, Arc::clone(&parts)));
        Ok(parts)
    }

    fn find(&self, root: &str, section: &str) -> Option<Parts> {
        find_in(&self.lock(), root, section)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, &'static str, Parts)>> {
        // A panic elsewhere leaves the list whole: every entry is pushed complete.
        self.rendered
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn find_in(rendered: &[(String, &'static str, Parts)], root: &str, section: &str) -> Option<Parts> {
    rendered
        .iter()
        .find(|(r, s, _)| r == root && *s == section)
        .map(|(_, _, parts)| Arc::clone(parts))
}
