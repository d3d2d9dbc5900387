//! Text editing for notes, reflections and form fields, on ratatui-textarea.
//!
//! The editor is state like any other: `update` feeds it key inputs; nothing here draws.

use ratatui_textarea::{Input, TextArea, WrapMode};

/// A multi-line editor holding `text`, soft-wrapped at word boundaries.
pub fn multi_line(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_max_histories(200);
    // The cursor itself (reverse video) shows where typing goes; an underlined line is noise.
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// A one-line field; Enter and newlines are handled by the form, not the field.
pub fn single_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.replace(['\n', '\r'], " ")]);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// An empty one-line field that shows, greyed, what leaving it empty means.
pub fn with_placeholder(placeholder: &str) -> TextArea<'static> {
    let mut area = single_line("");
    area.set_placeholder_text(placeholder.replace(['\n', '\r'], " "));
    // Dim, not grey: meaning never rides on colour, and NO_COLOR gets no colour at all.
    area.set_placeholder_style(
        ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::DIM),
    );
    area
}

pub fn text_of(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

/// Feed a key to a single-line field, refusing newlines so a stray Enter never splits it.
pub fn input_single_line(area: &mut TextArea<'static>, input: Input) -> bool {
    if input.key == ratatui_textarea::Key::Enter
        || (input.ctrl && input.key == ratatui_textarea::Key::Char('m'))
    {
        return false;
    }
    area.input(input)
}

/// Paste into a field: newlines become spaces in single-line fields.
pub fn paste(area: &mut TextArea<'static>, text: &str, single: bool) -> bool {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if single {
        area.insert_str(text.replace('\n', " "))
    } else {
        area.insert_str(text)
    }
}
