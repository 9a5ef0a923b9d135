//! What a page shows and keeps in its link: the query string, the page and its notices, each
//! section's settings and URL form, lessons, the embedding vocabulary and the model file.

pub mod embed;
pub mod explorer;
pub mod json;
pub mod key_doc;
pub mod lessons;
pub mod page;
pub mod play_url;
pub mod playground;
pub mod query;
pub mod snapshot;
pub mod transition;
pub mod url_reader;
