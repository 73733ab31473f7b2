//! Reading PR/FAQ files: paths, directories, stdin; size, binary and UTF-8 checks.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

/// Files larger than this are refused unless `--max-file-size` says otherwise: a PR/FAQ is a
/// few pages, and a multi-megabyte "document" is almost always the wrong file.
pub(crate) const DEFAULT_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// One input: where it came from and its text.
pub(crate) struct Input {
    pub(crate) display: String,
    pub(crate) path: Option<PathBuf>,
    pub(crate) text: String,
}

/// Expands the arguments into files: directories recursively (`*.md`, sorted, skipping hidden
/// folders, `target` and `node_modules`), `-` as stdin.
pub(crate) fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p).sort_by_file_name().into_iter().filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                e.depth() == 0 || !(name.starts_with('.') || name == "target" || name == "node_modules")
            });
            for entry in walker {
                let entry = entry.with_context(|| format!("cannot read directory {}", p.display()))?;
                if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
                {
                    out.push(entry.into_path());
                }
            }
        } else if p.exists() {
            out.push(p.clone());
        } else {
            bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(out)
}

/// Reads one input, refusing what cannot be read as a text document.
pub(crate) fn read(path: &Path, max_bytes: u64) -> Result<Input> {
    let (display, bytes, real) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().take(max_bytes + 1).read_to_end(&mut buf).context("cannot read standard input")?;
        ("-".to_string(), buf, None)
    } else {
        let display = path.display().to_string();
        let meta = std::fs::metadata(path).with_context(|| format!("{display}: cannot read"))?;
        if meta.len() > max_bytes {
            bail!(
                "{display}: file is {} ({} bytes), over the {} limit (raise it with --max-file-size)",
                human_size(meta.len()),
                meta.len(),
                human_size(max_bytes)
            );
        }
        let bytes = std::fs::read(path).with_context(|| format!("{display}: cannot read"))?;
        (display, bytes, Some(path.to_path_buf()))
    };
    if bytes.len() as u64 > max_bytes {
        bail!("{display}: input is over the {} limit (raise it with --max-file-size)", human_size(max_bytes));
    }
    let text = decode(&display, bytes)?;
    Ok(Input { display, path: real, text })
}

fn decode(display: &str, bytes: Vec<u8>) -> Result<String> {
    if let Some(pos) = bytes.iter().take(8192).position(|&b| b == 0) {
        bail!("{display}: binary file (NUL byte at offset {pos}); a PR/FAQ is a UTF-8 Markdown text file");
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let column = bytes[..valid].iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            bail!(
                "{display}:{line}:{column}: invalid UTF-8 (byte 0x{:02x} at offset {valid}); save the file as UTF-8",
                bytes[valid]
            )
        }
    }
}

fn human_size(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / 1024.0 / 1024.0)
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = decode("x.md", b"ok\nab\xffcd".to_vec()).expect_err("invalid");
        assert_eq!(e.to_string(), "x.md:2:3: invalid UTF-8 (byte 0xff at offset 5); save the file as UTF-8");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode("x.png", b"\x89PNG\0\0".to_vec()).expect_err("binary").to_string().contains("binary file"));
    }
}
