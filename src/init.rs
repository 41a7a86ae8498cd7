//! `briefbook init`: a new book with a configuration, vocabularies and one sample article.

use std::path::Path;

use crate::error::Error;

const FILES: &[(&str, &str)] = &[
    (
        "briefbook.toml",
        "title = \"My briefing book\"\ndescription = \"News articles on one subject, annotated.\"\neditors = [\"Your Name\"]\nlanguage = \"en\"\n",
    ),
    ("content/index.md", "This book collects news articles on one subject. Start by importing articles with `briefbook import`.\n"),
    (
        "content/actors.yaml",
        "- name: Moon Jae-in\n  aliases: [Moon]\n  roles:\n    - title: President\n      organisation: Republic of Korea\n      from: 2017-05\n      to: 2022-05\n  country: South Korea\n  description: Twelfth president of South Korea.\n",
    ),
    (
        "content/topics.yaml",
        "- slug: korea-us-alliance\n  title: Korea–US alliance\n  description: The security alliance between South Korea and the United States.\n  keywords: [alliance, USFK]\n",
    ),
    ("content/outlets.yaml", "- name: Yonhap News Agency\n  aliases: [Yonhap]\n  homepage: https://en.yna.co.kr/\n"),
    (
        "content/articles/2017-09-19-sample-article.md",
        "---\ntitle: \"Moon says the alliance remains strong\"\noutlet: Yonhap News Agency\ndate: 2017-09-19\nactors: [Moon Jae-in]\ntopics: [korea-us-alliance]\nnote: This is the editor's note. Replace this sample with your first article.\n---\n\nNEW YORK -- The alliance remains strong, President Moon Jae-in said.\n",
    ),
];

/// Creates a book in `dir`, which must not exist or be empty. Nothing is overwritten.
pub fn init(dir: &Path) -> Result<(), Error> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::NotEmpty {
            dir: dir.to_path_buf(),
        });
    }
    for (name, text) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}
