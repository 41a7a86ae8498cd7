//! The editor's workflow as a user types it: `init`, `import`, `review`, `check --strict`,
//! `build` with held articles, renames kept alive by aliases, and the guards that stop a command
//! run in the wrong place. Every test drives the binary, as the README's commands do.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, run in `dir`.
fn briefbook(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new book made by `briefbook init` in a temporary folder.
fn new_book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let run = briefbook(dir.path(), &["init", "book"]);
    assert!(run.status.success(), "init failed: {}", text(&run.stderr));
    let root = dir.path().join("book");
    (dir, root)
}

/// A raw article of our own: a headline, an outlet credit but no date anywhere.
const UNDATED: &str = "Harbour council approves new ferry timetable\n\n\
By Mira Castell, Harbour Courier\n\n\
PORT ELLIS -- The harbour council on Tuesday approved a new ferry timetable that adds two \
evening crossings, council chair Odile Fenwick said.\n\n\
\"Commuters asked for this for years,\" Fenwick said after the vote.\n";

/// The 1-based line of `file` that starts with `start`.
fn line_of(file: &Path, start: &str) -> usize {
    fs::read_to_string(file)
        .unwrap()
        .lines()
        .position(|l| l.starts_with(start))
        .expect("the line is there")
        + 1
}

fn article_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn imported_article(root: &Path) -> PathBuf {
    article_files(root)
        .into_iter()
        .find(|p| !p.to_string_lossy().contains("sample-article"))
        .expect("import wrote an article")
}

#[test]
fn init_makes_a_book_that_builds_and_checks_clean() {
    let (_dir, root) = new_book();
    for file in ["briefbook.toml", "content/index.md", "content/actors.yaml"] {
        assert!(root.join(file).is_file(), "init wrote no {file}");
    }
    let check = briefbook(&root, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let build = briefbook(&root, &["build"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(root.join("public/index.html").is_file());
    let again = briefbook(root.parent().unwrap(), &["init", "book"]);
    assert!(
        !again.status.success(),
        "init refuses a folder that holds a book"
    );
}

#[test]
fn the_review_queue_lists_each_open_field_with_its_line_and_reason_until_it_is_closed() {
    let (dir, root) = new_book();
    fs::write(dir.path().join("ferry.txt"), UNDATED).unwrap();
    let import = briefbook(&root, &["import", "../ferry.txt"]);
    assert!(import.status.success(), "{}", text(&import.stderr));
    assert!(
        text(&import.stdout).contains("1 written"),
        "{}",
        text(&import.stdout)
    );
    let article = imported_article(&root);
    let written = fs::read_to_string(&article).unwrap();
    let date_line = written
        .lines()
        .position(|l| l.starts_with("date:"))
        .unwrap()
        + 1;

    let review = briefbook(&root, &["review"]);
    assert!(review.status.success());
    let listed = text(&review.stdout);
    let name = article.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        listed.contains(&format!("{name}:{date_line}  date: (empty)")),
        "the date item is placed on its line:\n{listed}"
    );
    assert!(
        listed.contains("why: no publication date found"),
        "{listed}"
    );
    assert!(listed.contains("source: sources/ferry.txt"), "{listed}");
    assert!(listed.contains("open review item(s)"), "{listed}");

    let json = briefbook(&root, &["review", "--format", "json"]);
    let queue: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let open = queue["open"].as_u64().unwrap();
    assert!(open >= 1);
    let entry = &queue["entries"][0];
    assert_eq!(entry["owner"], "article");
    assert!(entry["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["field"] == "date" && i["line"] == date_line));

    let strict = briefbook(&root, &["check", "--strict"]);
    assert!(!strict.status.success(), "open items fail `check --strict`");
    assert!(text(&strict.stderr).contains("`date` is still under review"));
    let lenient = briefbook(&root, &["check"]);
    assert!(
        !text(&lenient.stderr).contains("still under review"),
        "plain `check` does not count review items as errors"
    );

    // The editor fixes the date and closes every item: the queue empties, strict passes.
    let fixed: String = written
        .lines()
        .map(|l| {
            if l.starts_with("date:") {
                "date: 2024-03-05"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut closed = String::new();
    let mut skipping = false;
    for line in fixed.lines() {
        if line.starts_with("review:") {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with("  ") {
            continue;
        }
        skipping = false;
        closed.push_str(line);
        closed.push('\n');
    }
    fs::write(&article, closed).unwrap();
    for file in ["content/actors.yaml", "content/outlets.yaml"] {
        let yaml = fs::read_to_string(root.join(file)).unwrap();
        fs::write(root.join(file), yaml.replace("review: true", "")).unwrap();
    }
    let review = briefbook(&root, &["review"]);
    assert!(
        text(&review.stdout).starts_with("0 open review item(s)"),
        "{}",
        text(&review.stdout)
    );
    let strict = briefbook(&root, &["check", "--strict"]);
    assert!(strict.status.success(), "{}", text(&strict.stderr));
}

#[test]
fn hold_unreviewed_leaves_articles_under_review_out_of_the_site_and_says_which() {
    let (dir, root) = new_book();
    fs::write(dir.path().join("ferry.txt"), UNDATED).unwrap();
    assert!(briefbook(&root, &["import", "../ferry.txt"])
        .status
        .success());
    let slug = imported_article(&root)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();

    let build = briefbook(&root, &["build"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    assert!(root
        .join(format!("public/articles/{slug}/index.html"))
        .is_file());
    let page = fs::read_to_string(root.join(format!("public/articles/{slug}/index.html"))).unwrap();
    assert!(
        !page.contains("review"),
        "a built page never shows review items"
    );

    common::append_config(&root, "hold_unreviewed = true");
    let build = briefbook(&root, &["build"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let said = text(&build.stdout);
    assert!(said.contains("Held back 1 article(s)"), "{said}");
    assert!(said.contains(&format!("{slug}.md")), "{said}");
    assert!(!root.join(format!("public/articles/{slug}")).exists());
    assert!(root
        .join("public/articles/2017-09-19-sample-article/index.html")
        .is_file());
}

#[test]
fn commands_in_a_folder_without_a_book_fail_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "not a book").unwrap();
    for command in [
        &["build"][..],
        &["check"],
        &["review"],
        &["serve", "--port", "0"],
    ] {
        let run = briefbook(dir.path(), command);
        assert!(
            !run.status.success(),
            "{command:?} succeeded outside a book"
        );
        let said = text(&run.stderr);
        assert!(
            said.contains("holds no book")
                && said.contains("briefbook init")
                && said.contains("--root"),
            "{command:?}: {said}"
        );
    }
    assert!(!dir.path().join("public").exists(), "nothing was written");
}

#[test]
fn a_base_url_that_is_not_an_absolute_web_address_is_refused_where_it_is_written() {
    let (_dir, root) = new_book();
    let config = fs::read_to_string(root.join("briefbook.toml")).unwrap();
    common::append_config(&root, "base_url = \"example.com\"");
    let line = line_of(&root.join("briefbook.toml"), "base_url");
    let build = briefbook(&root, &["build"]);
    assert!(!build.status.success());
    let said = text(&build.stderr);
    assert!(
        said.contains(&format!("briefbook.toml:{line}:1:")) && said.contains("https://"),
        "{said}"
    );
    fs::write(root.join("briefbook.toml"), &config).unwrap();
    let flag = briefbook(&root, &["build", "--base-url", "example.com/book"]);
    assert!(!flag.status.success());
    assert!(
        text(&flag.stderr).contains("--base-url"),
        "{}",
        text(&flag.stderr)
    );
    let good = briefbook(&root, &["build", "--base-url", "https://example.org/book/"]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    let feed = fs::read_to_string(root.join("public/atom.xml")).unwrap();
    assert!(feed.contains("https://example.org/book/articles/"));
}

/// Renames: the build notices the moved article and names the alias to add; with it, the old
/// address redirects (followed in Chromium); an alias that is a page's address fails `check`.
#[test]
fn a_renamed_article_keeps_its_old_address_alive_through_an_alias() {
    let (_dir, root) = new_book();
    assert!(briefbook(&root, &["build"]).status.success());
    let articles = root.join("content/articles");
    let old = articles.join("2017-09-19-sample-article.md");
    let new = articles.join("moon-alliance-speech.md");
    fs::rename(&old, &new).unwrap();

    let build = briefbook(&root, &["build"]);
    assert!(build.status.success());
    let said = text(&build.stderr);
    assert!(
        said.contains("was at `articles/2017-09-19-sample-article/`")
            && said.contains("add `aliases: [2017-09-19-sample-article]`"),
        "{said}"
    );

    let with_alias = fs::read_to_string(&new).unwrap().replacen(
        "---\n",
        "---\naliases: [2017-09-19-sample-article, /old/moon/]\n",
        1,
    );
    fs::write(&new, with_alias).unwrap();
    let build = briefbook(&root, &["build"]);
    assert!(build.status.success());
    assert!(
        !text(&build.stderr).contains("was at"),
        "{}",
        text(&build.stderr)
    );
    let public = root.join("public");
    let redirect =
        fs::read_to_string(public.join("articles/2017-09-19-sample-article/index.html")).unwrap();
    assert!(
        redirect.contains("url=../../articles/moon-alliance-speech/"),
        "{redirect}"
    );
    assert!(public.join("old/moon/index.html").is_file());

    // Chromium, on the preview server, follows the old address to the article.
    let (mut server, port) = serve(&root);
    let chromium = common::chromium_path();
    let shown = common::headless_chromium(&chromium)
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!(
            "http://127.0.0.1:{port}/articles/2017-09-19-sample-article/"
        ))
        .output()
        .unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let dom = text(&shown.stdout);
    assert!(
        dom.contains("Moon says the alliance remains strong") && dom.contains("Cite this article"),
        "Chromium did not land on the article:\n{}",
        &dom[..dom.len().min(2000)]
    );

    // An alias that is the address of another page is refused by `check`.
    let clash = fs::read_to_string(&new)
        .unwrap()
        .replace("/old/moon/", "/timeline/");
    fs::write(&new, clash).unwrap();
    let check = briefbook(&root, &["check"]);
    assert!(!check.status.success());
    assert!(
        text(&check.stderr).contains("alias `/timeline/`: it is the address of a page"),
        "{}",
        text(&check.stderr)
    );
}

/// `briefbook serve` (no watching) on a free port: the child and its port.
fn serve(root: &Path) -> (std::process::Child, u16) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(["serve", "--port", "0"])
        .current_dir(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            // Keep reading, so the server never writes to a closed pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return (child, port);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server printed no address");
}

#[test]
fn a_curated_actor_keeps_its_old_address_through_aliases_url() {
    let (_dir, root) = new_book();
    let actors = root.join("content/actors.yaml");
    let yaml = fs::read_to_string(&actors).unwrap();
    assert!(yaml.contains("name: Moon Jae-in"), "{yaml}");
    fs::write(
        &actors,
        yaml.replacen(
            "name: Moon Jae-in",
            "name: Moon Jae-in\n  aliases_url: [moon-jaein]",
            1,
        ),
    )
    .unwrap();
    let build = briefbook(&root, &["build"]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let redirect = fs::read_to_string(root.join("public/actors/moon-jaein/index.html")).unwrap();
    assert!(
        redirect.contains("url=../../actors/moon-jae-in/"),
        "{redirect}"
    );
}

#[test]
fn the_citation_style_of_the_config_is_used_and_an_unknown_one_fails_check() {
    let (_dir, root) = new_book();
    common::append_config(&root, "citation_style = \"apa\"");
    assert!(briefbook(&root, &["build"]).status.success());
    let page =
        fs::read_to_string(root.join("public/articles/2017-09-19-sample-article/index.html"))
            .unwrap();
    assert!(
        page.contains("<span class=\"citation-style\">APA</span>"),
        "APA citation"
    );
    assert!(
        page.contains("(2017, September 19)"),
        "APA puts the date after the author"
    );

    let config = fs::read_to_string(root.join("briefbook.toml")).unwrap();
    fs::write(
        root.join("briefbook.toml"),
        config.replace("\"apa\"", "\"vancouver\""),
    )
    .unwrap();
    let check = briefbook(&root, &["check"]);
    assert!(!check.status.success());
    assert!(text(&check.stderr).contains("unknown citation_style `vancouver`"));
}

#[test]
fn latest_count_limits_the_home_page_list() {
    let (_dir, root) = new_book();
    let articles = root.join("content/articles");
    let sample = fs::read_to_string(articles.join("2017-09-19-sample-article.md")).unwrap();
    for day in 10..16 {
        fs::write(
            articles.join(format!("extra-{day}.md")),
            sample
                .replace("2017-09-19", &format!("2018-01-{day}"))
                .replace("Moon says", &format!("Day {day}: Moon says")),
        )
        .unwrap();
    }
    common::append_config(&root, "latest_count = 3");
    assert!(briefbook(&root, &["build"]).status.success());
    let home = fs::read_to_string(root.join("public/index.html")).unwrap();
    let latest = home.split("id=\"latest-heading\"").nth(1).unwrap();
    let latest = latest.split("</section>").next().unwrap();
    let listed: Vec<u32> = (10..16)
        .filter(|day| latest.contains(&format!("Day {day}:")))
        .collect();
    assert_eq!(listed, [13, 14, 15], "the three newest, no more");
}

#[test]
fn an_unknown_key_in_the_config_is_an_error_on_its_line() {
    let (_dir, root) = new_book();
    common::append_config(&root, "latest_cuont = 3");
    let line = line_of(&root.join("briefbook.toml"), "latest_cuont");
    let build = briefbook(&root, &["build"]);
    assert!(!build.status.success());
    let said = text(&build.stderr);
    assert!(
        said.contains(&format!("briefbook.toml:{line}:1")) && said.contains("latest_cuont"),
        "{said}"
    );
}

#[test]
fn help_for_each_command_names_its_options() {
    let dir = tempfile::tempdir().unwrap();
    for (command, option) in [
        ("build", "--base-url"),
        ("check", "--strict"),
        ("import", "--dry-run"),
        ("serve", "--watch"),
        ("review", "--format"),
        ("init", "<DIR>"),
    ] {
        let help = briefbook(dir.path(), &["help", command]);
        assert!(help.status.success());
        let said = text(&help.stdout);
        assert!(said.contains(option), "help {command}: {said}");
        assert!(said.contains("Example"), "help {command} shows an example");
    }
}

#[test]
fn import_as_typed_writes_articles_and_never_clobbers_an_edit() {
    let (dir, root) = new_book();
    fs::write(dir.path().join("ferry.txt"), UNDATED).unwrap();
    let dry = briefbook(&root, &["import", "--dry-run", "../ferry.txt"]);
    assert!(dry.status.success());
    assert!(text(&dry.stdout).contains("title: Harbour council approves new ferry timetable"));
    assert_eq!(article_files(&root).len(), 1, "--dry-run wrote nothing");

    let import = briefbook(&root, &["import", "../ferry.txt"]);
    assert!(import.status.success());
    let article = imported_article(&root);
    let edited = fs::read_to_string(&article)
        .unwrap()
        .replace("Harbour council approves", "Council approves");
    fs::write(&article, &edited).unwrap();
    let again = briefbook(&root, &["import", "../ferry.txt"]);
    assert_eq!(
        fs::read_to_string(&article).unwrap(),
        edited,
        "the edit survives"
    );
    assert!(
        text(&again.stdout).contains("edited since import"),
        "{}",
        text(&again.stdout)
    );

    let missing = briefbook(&root, &["import", "../nowhere.txt"]);
    assert!(!missing.status.success(), "a missing input fails the run");
}

/// `serve --open` hands the address to the desktop's opener (a stand-in `xdg-open` here).
#[cfg(unix)]
#[test]
fn serve_open_hands_its_address_to_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, root) = new_book();
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let opened = dir.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    // Written aside and renamed, so the test never reads the file before the address is in it.
    let writing = dir.path().join("opened.tmp");
    fs::write(
        &opener,
        format!(
            "#!/bin/sh\necho \"$1\" > '{}' && mv '{}' '{}'\n",
            writing.display(),
            writing.display(),
            opened.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut server = Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(["serve", "--open", "--port", "0"])
        .current_dir(&root)
        .env("PATH", path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !opened.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = server.kill();
    let _ = server.wait();
    let url = fs::read_to_string(&opened).expect("serve --open ran the opener");
    assert!(url.trim().starts_with("http://127.0.0.1:"), "{url}");
    assert!(url.trim().ends_with('/'), "{url}");
}
