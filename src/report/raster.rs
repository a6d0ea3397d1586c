//! Charts as pictures: the report's SVG charts drawn to PNG for Word, where SVG is not shown
//! reliably (WPS and LibreOffice), with `resvg` (pure Rust, no system library).
//!
//! Text is drawn with the machine's own fonts, loaded once per process: the charts ask for
//! PingFang SC, Microsoft YaHei or Noto Sans CJK SC, and when none is there any font that has
//! the characters is used. [`has_cjk_font`] tells whether there is one at all, so that the caller
//! can warn before charts come out with their Chinese labels missing.

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use skrifa::MetadataProvider;
use std::sync::{Arc, OnceLock};

/// Pixels drawn per SVG pixel: twice the screen size, sharp enough in print.
pub const SCALE: f32 = 2.0;

/// A chart drawn to PNG.
#[derive(Debug, Clone, PartialEq)]
pub struct Png {
    /// The PNG file.
    pub bytes: Vec<u8>,
    /// Its size in pixels (the SVG's own size times [`SCALE`]).
    pub width: u32,
    pub height: u32,
}

impl Png {
    /// The size the chart was drawn for, in CSS pixels (1/96 inch): the PNG's size over [`SCALE`].
    pub fn natural_size(&self) -> (f32, f32) {
        (self.width as f32 / SCALE, self.height as f32 / SCALE)
    }
}

/// The machine's fonts, read once: reading them takes a noticeable time.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            // The generic `sans-serif` at the end of the charts' font list: a CJK sans where
            // the machine has one, so that it is not Arial (which has no Chinese) that is asked
            // first.
            let sans = [
                "Microsoft YaHei",
                "PingFang SC",
                "Noto Sans CJK SC",
                "Source Han Sans SC",
                "WenQuanYi Micro Hei",
            ]
            .into_iter()
            .find(|family| {
                db.faces()
                    .any(|f| f.families.iter().any(|(name, _)| name == family))
            });
            if let Some(family) = sans {
                db.set_sans_serif_family(family);
            }
            Arc::new(db)
        })
        .clone()
}

/// Whether any font on this machine has Chinese characters, so that chart labels will show.
pub fn has_cjk_font() -> bool {
    static HAS: OnceLock<bool> = OnceLock::new();
    *HAS.get_or_init(|| {
        let db = fonts();
        db.faces().any(|face| {
            db.with_face_data(face.id, |data, index| {
                skrifa::FontRef::from_index(data, index)
                    .is_ok_and(|font| font.charmap().map('满').is_some())
            })
            .unwrap_or(false)
        })
    })
}

/// Draws an SVG document to PNG at [`SCALE`] times its size.
pub fn svg_to_png(svg: &str) -> Result<Png, String> {
    let options = usvg::Options {
        fontdb: fonts(),
        languages: vec!["zh-CN".to_string(), "en".to_string()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .ok_or("chart too large")?;
    let (width, height) = (size.width(), size.height());
    // A chart is at most a few thousand pixels; refuse what would take gigabytes.
    if u64::from(width) * u64::from(height) > 100_000_000 {
        return Err(format!("chart too large ({width}×{height} px)"));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("empty chart")?;
    // Transparent pixels would show grey or black in some viewers: start from white.
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok(Png {
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

    #[test]
    fn a_small_chart_is_drawn_at_twice_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect x="0" y="0" width="60" height="40" fill="#2c5f8d"/><text x="64" y="26" font-size="14" font-family="&quot;Noto Sans CJK SC&quot;,sans-serif">满意</text></svg>"##;
        let png = svg_to_png(svg).expect("drawn");
        assert!(png.bytes.starts_with(PNG_SIGNATURE));
        assert_eq!((png.width, png.height), (240, 80));
        assert_eq!(png.natural_size(), (120.0, 40.0));
        // The size written in the PNG header (IHDR) is the one reported.
        assert_eq!(&png.bytes[16..20], &240u32.to_be_bytes());
        assert_eq!(&png.bytes[20..24], &80u32.to_be_bytes());
    }

    #[test]
    fn chinese_text_is_drawn_where_a_font_has_it() {
        // Only text is drawn on white: any dark pixel is ink.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><text x="4" y="22" font-size="20" fill="#000000" font-family="&quot;PingFang SC&quot;,&quot;Microsoft YaHei&quot;,&quot;Noto Sans CJK SC&quot;,sans-serif">满意</text></svg>"##;
        let png = svg_to_png(svg).expect("drawn");
        let mut pixmap = tiny_skia::Pixmap::decode_png(&png.bytes).expect("decoded");
        let inked = pixmap.pixels_mut().iter().any(|p| p.red() < 128);
        // Without such a font the text may still leave boxes (a font's missing-glyph mark).
        if has_cjk_font() {
            assert!(inked, "a Chinese font is there but the text was not drawn");
        }
    }

    #[test]
    fn what_is_not_svg_is_an_error() {
        assert!(svg_to_png("not svg").is_err());
        assert!(svg_to_png("").is_err());
    }

    #[test]
    fn an_absurd_size_is_refused() {
        let svg =
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"></svg>"#;
        assert!(svg_to_png(svg).is_err());
    }
}
