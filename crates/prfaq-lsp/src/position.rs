//! Byte offsets ⇄ LSP positions.
//!
//! prfaq spans are byte ranges into UTF-8 text; an LSP position is a zero-based line and a
//! column counted in the code units of the negotiated encoding: UTF-16 unless the client
//! offers UTF-8. Getting this wrong moves every underline after the first "é" or emoji on a
//! line, so both directions are here, in one place, and tested on non-ASCII text.

use lsp_types::{Position, PositionEncodingKind, Range};
use prfaq_doc::Span;

/// How positions count columns, as negotiated in `initialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Columns are UTF-8 bytes: offsets within the line, no conversion needed.
    Utf8,
    /// Columns are UTF-16 code units: the protocol's default, and what VS Code speaks.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it among `general.positionEncodings`, else UTF-16 (the only
    /// encoding every client must support).
    #[must_use]
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Self::Utf8,
            _ => Self::Utf16,
        }
    }

    /// The protocol's name for the encoding, for the server capabilities.
    #[must_use]
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The width of `c` in this encoding's code units.
    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
        }
    }
}

/// The line starts of one text, for converting in both directions with one encoding.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol defines them (prfaq's own
/// [`prfaq_doc::LineIndex`] counts `\n` only, which is right for messages but not here).
#[derive(Debug, Clone)]
pub struct LineMap {
    /// Byte offset of the first character of each line; the first is 0.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineMap {
    /// Indexes `text`'s lines for `encoding`.
    #[must_use]
    pub fn new(text: &str, encoding: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Self { starts, encoding }
    }

    /// The encoding positions are counted in.
    #[must_use]
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The position of byte `offset` in `text` (the text this map was built from). An offset
    /// past the end is the end; one inside a character is that character's start.
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let prefix = text.get(start..offset).unwrap_or("");
        let column = match self.encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        };
        Position { line: to_u32(line), character: to_u32(column) }
    }

    /// The range of a byte span.
    #[must_use]
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range { start: self.position(text, span.start), end: self.position(text, span.end) }
    }

    /// The byte offset of `position` in `text`. As the protocol asks, a column past the end of
    /// its line means the end of the line (before the line break), and a line past the end means
    /// the end of the text; a column inside a UTF-16 surrogate pair means the character's start.
    #[must_use]
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.starts.get(line + 1).map_or(text.len(), |&next| next);
        let content = text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r']);
        let target = position.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + self.encoding.width(c);
            if next > target {
                return start + i;
            }
            units = next;
        }
        start + content.len()
    }

    /// The byte span of an LSP range.
    #[must_use]
    pub fn span(&self, text: &str, range: Range) -> Span {
        Span::new(self.offset(text, range.start), self.offset(text, range.end))
    }
}

/// Line and column numbers beyond `u32::MAX` cannot be expressed in the protocol; a text that
/// long is far past the CLI's size limit, so saturating is enough.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    /// "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units (a surrogate pair).
    const TEXT: &str = "# Café 😀 launch\nIt is très 😀 very fast.\r\nlast";

    #[test]
    fn utf16_columns_count_surrogate_pairs_as_two() {
        let map = LineMap::new(TEXT, Encoding::Utf16);
        let very = TEXT.find("very").expect("present");
        assert_eq!(map.position(TEXT, very), pos(1, 14), "It is très 😀 = 6 + 5 + 2 + 1 units");
        assert_eq!(map.range(TEXT, Span::new(very, very + 4)), Range { start: pos(1, 14), end: pos(1, 18) });
        let launch = TEXT.find("launch").expect("present");
        assert_eq!(map.position(TEXT, launch), pos(0, 10));
    }

    #[test]
    fn utf8_columns_are_bytes_in_the_line() {
        let map = LineMap::new(TEXT, Encoding::Utf8);
        let very = TEXT.find("very").expect("present");
        let line_start = TEXT.find("It").expect("present");
        assert_eq!(map.position(TEXT, very), pos(1, to_u32(very - line_start)));
        assert_eq!(map.position(TEXT, very), pos(1, 17), "It is très 😀 = 6 + 5 + 1 + 4 + 1 bytes");
    }

    #[test]
    fn offsets_round_trip_at_every_char_boundary_in_both_encodings() {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let map = LineMap::new(TEXT, encoding);
            for (offset, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                // The `\r` of a `\r\n` is not a position of its own: it maps to the line's end.
                if TEXT[offset..].starts_with('\n') && TEXT[..offset].ends_with('\r') {
                    continue;
                }
                let p = map.position(TEXT, offset);
                assert_eq!(map.offset(TEXT, p), offset, "{encoding:?} offset {offset} via {p:?}");
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp_to_the_line_or_text_end() {
        let map = LineMap::new(TEXT, Encoding::Utf16);
        let line_end = TEXT.find("\r\n").expect("crlf");
        assert_eq!(map.offset(TEXT, pos(1, 999)), line_end, "before the line break");
        assert_eq!(map.offset(TEXT, pos(9, 0)), TEXT.len());
        assert_eq!(map.position(TEXT, TEXT.len() + 10), pos(2, 4));
    }

    #[test]
    fn a_column_inside_a_surrogate_pair_snaps_to_the_character() {
        let map = LineMap::new(TEXT, Encoding::Utf16);
        let emoji = TEXT.find('😀').expect("present");
        assert_eq!(map.offset(TEXT, pos(0, 7)), emoji);
        assert_eq!(map.offset(TEXT, pos(0, 8)), emoji, "the low surrogate");
        assert_eq!(map.offset(TEXT, pos(0, 9)), emoji + 4);
    }

    #[test]
    fn an_offset_inside_a_character_is_its_start() {
        let map = LineMap::new(TEXT, Encoding::Utf16);
        let e = TEXT.find('é').expect("present");
        assert_eq!(map.position(TEXT, e + 1), map.position(TEXT, e));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "a\rb\nc";
        let map = LineMap::new(text, Encoding::Utf16);
        assert_eq!(map.position(text, 2), pos(1, 0));
        assert_eq!(map.position(text, 4), pos(2, 0));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])),
            Encoding::Utf8
        );
    }
}
