//! The printable book (`book/`), or the cover of its volumes and each volume (`book/1/`): its
//! view is [`book::BookPage`], made by the `book` module, which lays the book out.

use crate::error::Error;
use crate::render::{book, to_context, Renderer};

impl<'a> Renderer<'a> {
    /// The whole book, the cover of its volumes (`volume` `None` in a book in volumes) or one
    /// volume.
    pub(in crate::render) fn book(
        &self,
        volume: Option<usize>,
        root: &str,
    ) -> Result<tera::Context, Error> {
        to_context(&book::book_page(
            self.linked,
            self.shared,
            &self.markdown,
            &|i| self.body_part_html(i),
            self.book_plan(),
            volume,
            &|article, scratch| {
                self.partial_in("partials/book_article.html", article, root, scratch)
            },
        )?)
    }

    /// The printable book's layout, made by the first of its pages to render.
    fn book_plan(&self) -> &book::BookPlan {
        self.book_plan
            .get_or_init(|| book::BookPlan::new(self.linked, self.shared))
    }
}
