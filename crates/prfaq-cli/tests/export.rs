//! `prfaq export` run as a user would: PDFs checked with poppler-utils (pdfinfo, pdftotext,
//! pdftoppm; `scripts/test` installs them), HTML checked for requests and scripts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus(file: &str) -> PathBuf {
    let path = root().join("../shared/corpus/real").join(file);
    assert!(
        path.is_file(),
        "the shared corpus is missing {file}: expected ../shared/corpus/real beside the repository"
    );
    path
}

fn prfaq(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prfaq")).args(args).current_dir(dir).output().expect("run prfaq")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "exit {:?}: {}", o.status.code(), stderr(o));
}

/// Runs a poppler tool; these tests need them, so a missing tool fails loudly.
fn poppler(tool: &str, args: &[&str]) -> String {
    let o = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): install poppler-utils (scripts/test does)"));
    assert!(o.status.success(), "{tool} {args:?} failed: {}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.to_str().expect("utf-8 path")]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output: {info}"))
}

/// The text of one page, whitespace collapsed (pdftotext breaks lines where the PDF does).
fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    let text = poppler("pdftotext", &["-f", &p, "-l", &p, "-layout", pdf.to_str().expect("utf-8 path"), "-"]);
    words(&text)
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Exports `doc` as a PDF into `dir` and checks poppler can render every page.
fn export_pdf(doc: &Path, dir: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join("out.pdf");
    let mut args =
        vec!["export", doc.to_str().expect("utf-8 path"), "--format", "pdf", "-o", out.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    ok(&prfaq(&args, &root()));
    let bytes = std::fs::read(&out).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    // pdftoppm renders each page; a broken PDF fails here.
    let prefix = dir.join("page");
    poppler("pdftoppm", &["-r", "30", "-png", out.to_str().expect("utf-8"), prefix.to_str().expect("utf-8")]);
    let rendered = std::fs::read_dir(dir)
        .expect("read dir")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("page")))
        .count();
    assert_eq!(rendered, pages(&out), "pdftoppm rendered a different number of pages");
    out
}

#[test]
fn pdf_of_an_example_has_the_press_release_alone_on_page_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = export_pdf(&root().join("examples/analytics-addon-strong.md"), dir.path(), &[]);
    assert!(pages(&pdf) >= 2, "{} pages", pages(&pdf));
    let one = page_text(&pdf, 1);
    assert!(one.contains("Store Marketers Cut Weekly Ad Reporting From 5.5 Hours to 20 Minutes"), "page 1: {one}");
    assert!(one.contains("TALLYHOUSE ATTRIBUTION"), "the front matter title is the kicker: {one}");
    assert!(!one.contains("External FAQ"), "the FAQ starts on page 2: {one}");
    assert!(page_text(&pdf, 2).contains("External FAQ"), "page 2: {}", page_text(&pdf, 2));
    assert!(!one.contains("illustrative"), "a clean copy has no comments: {one}");
}

#[test]
fn pdf_of_a_real_corpus_document_has_its_headline_on_page_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = export_pdf(&corpus("gsf/live-carbon-hack-22-pr-faq.md"), dir.path(), &[]);
    assert!(pages(&pdf) >= 2, "{} pages", pages(&pdf));
    let one = page_text(&pdf, 1);
    assert!(
        one.contains("Green Software Foundation launched the Carbon Hack 2022, moving the needle on carbon awareness"),
        "page 1: {one}"
    );
}

#[test]
fn pdf_review_copy_carries_the_findings_and_line_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = root().join("examples/meal-planning-weak.md");
    let check = prfaq(&["check", "--format", "json", doc.to_str().expect("utf-8")], &root());
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let first = &v["files"][0]["findings"][0];
    let rule = first["rule"].as_str().expect("a finding");
    let pdf = export_pdf(&doc, dir.path(), &["--review-copy"]);
    let all = words(&poppler("pdftotext", &[pdf.to_str().expect("utf-8"), "-"]));
    assert!(all.contains("Review copy of meal-planning-weak.md"), "{all}");
    assert!(all.contains(rule), "{rule} missing: {all}");
    assert!(all.contains(&format!("line {}:{}", first["start"]["line"], first["start"]["column"])), "{all}");
}

#[test]
fn pdf_goes_to_stdout_when_it_is_a_pipe() {
    let o = prfaq(&["export", "examples/country-expansion.md", "--format", "pdf"], &root());
    ok(&o);
    assert!(o.stdout.starts_with(b"%PDF-"), "stdout is not a PDF");
}

#[test]
fn pdf_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("x.pdf");
    std::fs::write(&doc, "# Acme Gives Marketers Their Mondays Back\n").expect("write");
    let o = prfaq(&["export", "x.pdf", "--format", "pdf", "-o", "x.pdf"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("refusing to overwrite"), "{}", stderr(&o));
}

/// Every URL the page would load by itself: `src`, stylesheet and script `href`s, CSS `url()`
/// and `@import`. Links the reader may click are not requests.
#[track_caller]
fn assert_no_requests(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script");
    assert!(!lower.contains("<link"), "a <link> (stylesheet, font, prefetch)");
    assert!(!lower.contains("@import"), "a CSS @import");
    assert!(!lower.contains("<iframe") && !lower.contains("<object") && !lower.contains("<embed"), "an embed");
    for attr in ["src=", "srcset=", "poster=", "data=", "background="] {
        for (at, _) in lower.match_indices(attr) {
            let value = lower[at + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(value.starts_with("data:image/"), "{attr} loads {}", &value[..value.len().min(60)]);
        }
    }
    for (at, _) in lower.match_indices("url(") {
        let value = lower[at + 4..].trim_start_matches(['"', '\'', ' ']);
        assert!(value.starts_with("data:"), "CSS url() loads {}", &value[..value.len().min(60)]);
    }
    assert!(lower.contains("content-security-policy"), "no CSP");
}

#[test]
fn html_exports_make_no_requests_and_hold_the_press_release_for_page_one() {
    let mut docs: Vec<PathBuf> =
        ["analytics-addon-strong.md", "country-expansion.md", "data-pipeline-strong.md", "meal-planning-weak.md"]
            .iter()
            .map(|f| root().join("examples").join(f))
            .collect();
    docs.push(corpus("gsf/live-carbon-hack-22-pr-faq.md"));
    docs.push(corpus("cdk-rfcs/text-0324-cdk-construct-hub.md"));
    for doc in &docs {
        for extra in [&[][..], &["--review-copy"][..]] {
            let mut args = vec!["export", doc.to_str().expect("utf-8")];
            args.extend_from_slice(extra);
            let o = prfaq(&args, &root());
            ok(&o);
            let html = stdout(&o);
            assert_no_requests(&html);
            assert!(html.contains("<section class=\"press-release\">"), "{}: no press release section", doc.display());
            assert!(html.contains("break-after: page"), "no page break in the print stylesheet");
            assert!(!html.contains("<!--"), "{}: an HTML comment survived", doc.display());
        }
    }
}

#[test]
fn raw_html_that_would_run_or_load_does_not_survive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let payload = "# Acme Gives Marketers Their Mondays Back\n\n\
        SEATTLE — Today <script>alert('x')</script> Acme launched.\n\n\
        <img src=\"x\" onerror=\"alert(1)\">\n\n\
        <img src=\"https://tracker.example/pixel.gif\">\n\n\
        [click](javascript:alert(2)) and [data](data:text/html;base64,PHNjcmlwdD4=)\n\n\
        <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">x</a>\n\n\
        <svg><script>alert(5)</script></svg> <iframe src=\"//evil.example\"></iframe>\n\n\
        <style>@import url(https://evil.example/x.css); body { background: url(//evil.example/b.png) }</style>\n\n\
        <link rel=\"stylesheet\" href=\"https://evil.example/x.css\">\n\n\
        ![remote](https://cdn.example/diagram.png)\n\n\
        ## FAQ\n### Is it safe?\n<details open ontoggle=\"alert(6)\"><summary>Yes</summary></details>\n";
    std::fs::write(dir.path().join("x.md"), payload).expect("write");
    for extra in [&[][..], &["--review-copy"][..]] {
        let mut args = vec!["export", "x.md", "--format", "html"];
        args.extend_from_slice(extra);
        let o = prfaq(&args, dir.path());
        ok(&o);
        let html = stdout(&o);
        let lower = html.to_ascii_lowercase();
        assert_no_requests(&html);
        for bad in ["<script", "onerror", "onclick", "ontoggle", "javascript:", "data:text", "<style>@import", "<svg"] {
            assert!(!lower.contains(bad), "{bad} survived:\n{html}");
        }
        assert!(html.contains("<a href=\"https://cdn.example/diagram.png\""), "remote image as a link:\n{html}");
        assert!(html.contains("[image: remote]"), "remote image's alt text:\n{html}");
    }
    // The PDF typesets the same hostile document: the text, never the markup.
    let o = prfaq(&["export", "x.md", "--format", "pdf", "-o", "x.pdf"], dir.path());
    ok(&o);
}

/// A 4×4 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09, 0x29, 0x00, 0x00, 0x00, 0x10, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90, 0xf7, 0xeb, 0x81, 0x23, 0x06, 0xe2, 0x38, 0x00, 0x8e, 0x13, 0x0f, 0x91,
    0x22, 0x30, 0x4e, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn local_images_are_embedded_and_paths_out_of_the_folder_are_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("img")).expect("mkdir");
    std::fs::write(docs.join("img/flow.png"), PNG).expect("write png");
    std::fs::write(dir.path().join("secret.png"), PNG).expect("write png");
    std::fs::write(
        docs.join("launch.md"),
        "# Acme Gives Marketers Their Mondays Back\n\n![Flow](img/flow.png)\n\n![Secret](../secret.png)\n\n![Gone](img/none.png)\n",
    )
    .expect("write doc");
    let o = prfaq(&["export", "docs/launch.md"], dir.path());
    ok(&o);
    let html = stdout(&o);
    assert_eq!(html.matches("src=\"data:image/png;base64,").count(), 1, "{html}");
    assert!(html.contains("[image: Secret]") && html.contains("[image: Gone]"), "{html}");
    assert!(stderr(&o).contains("image `img/none.png` not found"), "{}", stderr(&o));
    assert_no_requests(&html);
    // typst decodes the embedded PNG.
    let pdf = dir.path().join("launch.pdf");
    ok(&prfaq(&["export", "docs/launch.md", "--format", "pdf", "-o", pdf.to_str().expect("utf-8")], dir.path()));
    let images = poppler("pdfimages", &["-list", pdf.to_str().expect("utf-8")]);
    assert_eq!(images.lines().count(), 3, "one image (after two header lines): {images}");
}

#[test]
fn markdown_clean_copy_keeps_front_matter_and_drops_comments() {
    let o = prfaq(&["export", "examples/analytics-addon-strong.md", "--format", "md"], &root());
    ok(&o);
    let md = stdout(&o);
    let source = std::fs::read_to_string(root().join("examples/analytics-addon-strong.md")).expect("read");
    assert!(source.contains("<!--"), "the example should have a comment to drop");
    assert!(!md.contains("<!--"), "{md}");
    assert!(md.starts_with("---\ntitle: Tallyhouse Attribution\n"), "{md}");
    assert_eq!(
        md.lines().filter(|l| !l.trim().is_empty()).count() + source.matches("<!--").count(),
        source.lines().filter(|l| !l.trim().is_empty()).count(),
        "only the comment lines go"
    );
}

#[test]
fn markdown_review_copy_puts_notes_after_their_block() {
    let o = prfaq(&["export", "examples/meal-planning-weak.md", "--format", "md", "--review-copy"], &root());
    ok(&o);
    let md = stdout(&o);
    assert!(md.contains("> **Review copy** of `meal-planning-weak.md` · score "), "{md}");
    assert!(md.contains("> **Review notes · line"), "{md}");
    assert!(md.contains("RSK002"), "{md}");
}

#[test]
fn export_reads_input_like_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.md"), b"# Head\n\xff\xfe\n").expect("write");
    let o = prfaq(&["export", "bad.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.md:2:1: invalid UTF-8"), "{}", stderr(&o));
    std::fs::write(dir.path().join("big.md"), "x".repeat(2000)).expect("write");
    let o = prfaq(&["export", "big.md", "--max-file-size", "1000"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("over the 1000 bytes limit"), "{}", stderr(&o));
    let o = prfaq(&["export", "missing.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn html_export_of_an_example_snapshot() {
    let o = prfaq(&["export", "examples/country-expansion.md"], &root());
    ok(&o);
    let html = stdout(&o);
    // The stylesheet is long and the same for every document; the body is what varies.
    let body = &html[html.find("<body").expect("a body")..];
    insta::assert_snapshot!("country_expansion_html_body", body);
}
