//! Images: which are embedded, which become a link, which are dropped for their alt text.

/// Reads the images a document refers to by a relative path (`![diagram](img/flow.png)`).
///
/// The exporter asks only for paths that are local: no scheme, not absolute, not
/// protocol-relative. An implementation decides what "beside the document" means and should
/// refuse paths that climb out of it (`../`).
pub trait ImageSource {
    /// The bytes of the image at `path`, as written in the document, or `None` when it cannot
    /// or should not be read.
    fn load(&self, path: &str) -> Option<Vec<u8>>;
}

/// An image format the exporter embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl Format {
    /// Recognised from the bytes, never from the name.
    pub(crate) fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Self::Gif)
        } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
            let head = head.trim_start_matches('\u{feff}').trim_start();
            (head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))).then_some(Self::Svg)
        }
    }

    pub(crate) fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
            Self::Svg => "image/svg+xml",
        }
    }

    /// The extension typst recognises, for the formats it typesets.
    pub(crate) fn typst_extension(self) -> Option<&'static str> {
        match self {
            Self::Png => Some("png"),
            Self::Jpeg => Some("jpg"),
            Self::Gif => Some("gif"),
            // typst 0.13 cannot decode WebP; SVG it can, but an odd SVG fails the whole
            // document, and PR/FAQ diagrams are nearly always PNG.
            Self::Webp | Self::Svg => None,
        }
    }
}

/// What to do with one image of the document.
pub(crate) enum Target {
    /// A local image that was read and recognised.
    Embedded { format: Format, bytes: Vec<u8> },
    /// A `data:` image already in the document (HTML keeps it; it makes no request).
    Data,
    /// A remote image: never fetched, shown as its alt text and a link.
    Remote(String),
    /// Anything else (a missing file, an unknown format): its alt text.
    Missing,
}

/// Decides what happens to the image at `dest`.
pub(crate) fn resolve(dest: &str, source: Option<&dyn ImageSource>) -> Target {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || dest.starts_with("//") {
        return Target::Remote(dest.to_string());
    }
    if ["data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Target::Data;
    }
    if !is_local(dest) {
        return Target::Missing;
    }
    let Some(bytes) = source.and_then(|s| s.load(dest)) else {
        return Target::Missing;
    };
    match Format::sniff(&bytes) {
        Some(format) => Target::Embedded { format, bytes },
        None => Target::Missing,
    }
}

/// True for a relative path: no scheme, not absolute, not protocol-relative, no `..`.
fn is_local(dest: &str) -> bool {
    !dest.is_empty()
        && !dest.starts_with('/')
        && !dest.starts_with('\\')
        && !dest.contains(':')
        && !dest.split(['/', '\\']).any(|c| c == "..")
}

/// A `data:` URI of an embedded image.
pub(crate) fn data_uri(format: Format, bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!("data:{};base64,{}", format.mime(), base64::engine::general_purpose::STANDARD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct One;
    impl ImageSource for One {
        fn load(&self, path: &str) -> Option<Vec<u8>> {
            (path == "img/a.png").then(|| b"\x89PNG\r\n\x1a\nrest".to_vec())
        }
    }

    #[test]
    fn remote_and_protocol_relative_images_are_never_loaded() {
        for dest in ["https://x.example/a.png", "HTTP://x.example/a.png", "//x.example/a.png"] {
            assert!(matches!(resolve(dest, Some(&One)), Target::Remote(_)), "{dest}");
        }
    }

    #[test]
    fn local_images_are_sniffed_and_paths_that_climb_out_are_refused() {
        assert!(matches!(resolve("img/a.png", Some(&One)), Target::Embedded { format: Format::Png, .. }));
        assert!(matches!(resolve("img/a.png", None), Target::Missing));
        for dest in ["../img/a.png", "/etc/passwd", "C:\\x.png", "file:///etc/passwd", "javascript:alert(1)"] {
            assert!(!is_local(dest), "{dest}");
        }
    }

    #[test]
    fn formats_are_recognised_from_bytes() {
        assert_eq!(Format::sniff(b"GIF89a..."), Some(Format::Gif));
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"\"/>"), Some(Format::Svg));
        assert_eq!(Format::sniff(b"not an image"), None);
    }
}
