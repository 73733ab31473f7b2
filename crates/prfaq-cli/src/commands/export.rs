//! `prfaq export`: a clean copy or a review copy as HTML, PDF or Markdown.

use std::cell::RefCell;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use prfaq_export::{ExportOptions, ImageSource};

use crate::args::ExportFormat;
use crate::config::Engines;
use crate::{input, output};

pub(crate) struct Request<'a> {
    pub(crate) file: &'a Path,
    pub(crate) format: ExportFormat,
    pub(crate) review_copy: bool,
    pub(crate) output: Option<&'a Path>,
    pub(crate) config: Option<&'a Path>,
    pub(crate) max_bytes: u64,
}

pub(crate) fn run(req: &Request<'_>) -> Result<ExitCode> {
    let input = input::read(req.file, req.max_bytes)?;
    let target = target(req, input.path.as_deref())?;
    let doc = prfaq_doc::parse(&input.text);
    let report = if req.review_copy {
        let engine = Engines::new(req.config)?.for_path(input.path.as_deref())?;
        Some(engine.check(&doc))
    } else {
        None
    };
    let images = input.path.as_deref().and_then(|p| BesideDocument::new(p, req.max_bytes));
    let name = input.path.as_deref().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
    let options = ExportOptions {
        review: report.as_ref(),
        images: images.as_ref().map(|i| i as &dyn ImageSource),
        name: name.as_deref(),
    };
    let bytes = match req.format {
        ExportFormat::Html => prfaq_export::render_html(&doc, &options).into_bytes(),
        ExportFormat::Md => prfaq_export::render_markdown(&doc, &options).into_bytes(),
        ExportFormat::Pdf => prfaq_export::render_pdf(&doc, &options)?,
    };
    if let Some(images) = &images {
        for missing in images.missing.borrow().iter() {
            output::warn(&format!(
                "{}: image `{missing}` not found beside the document (or not an image); its alt text stands in",
                input.display
            ));
        }
    }
    match target {
        Some(path) => {
            std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            if std::io::stderr().is_terminal() {
                output::info(&format!("wrote {}", path.display()));
            }
        }
        None => output::print_bytes(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the export goes: a file, or standard output (`None`).
fn target(req: &Request<'_>, input: Option<&Path>) -> Result<Option<PathBuf>> {
    let path = match req.output {
        Some(p) if p.as_os_str() == "-" => return Ok(None),
        Some(p) => p.to_path_buf(),
        // A PDF is not for a terminal: it goes beside the input instead.
        None if req.format == ExportFormat::Pdf && std::io::stdout().is_terminal() => match input {
            Some(i) => i.with_extension("pdf"),
            None => bail!("a PDF from standard input needs -o FILE (or redirect standard output)"),
        },
        None => return Ok(None),
    };
    if input.is_some_and(|i| same_file(i, &path)) {
        bail!("{}: refusing to overwrite the input with its export; choose another -o", path.display());
    }
    Ok(Some(path))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Images in the document's folder or below it, no larger than the file size limit.
struct BesideDocument {
    dir: PathBuf,
    max_bytes: u64,
    missing: RefCell<Vec<String>>,
}

impl BesideDocument {
    fn new(document: &Path, max_bytes: u64) -> Option<Self> {
        let dir = document.canonicalize().ok()?.parent()?.to_path_buf();
        Some(Self { dir, max_bytes, missing: RefCell::new(Vec::new()) })
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        // Canonical, so neither `..` nor a symbolic link leads out of the folder.
        let file = self.dir.join(path).canonicalize().ok()?;
        if !file.starts_with(&self.dir) {
            return None;
        }
        let meta = std::fs::metadata(&file).ok()?;
        if !meta.is_file() || meta.len() > self.max_bytes {
            return None;
        }
        std::fs::read(&file).ok()
    }
}

impl ImageSource for BesideDocument {
    fn load(&self, path: &str) -> Option<Vec<u8>> {
        let bytes = self.read(path);
        if bytes.is_none() {
            let mut missing = self.missing.borrow_mut();
            if !missing.iter().any(|m| m == path) {
                missing.push(path.to_string());
            }
        }
        bytes
    }
}
