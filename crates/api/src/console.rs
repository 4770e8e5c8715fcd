//! Serves the built web console (a single-page app) at `/`: hashed assets are cached for a
//! year, everything else is revalidated, and any path that is not a file gets `index.html`
//! so that client-side routes survive a reload.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::web;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Registers the console from `dir` (Vite's `dist/`: `index.html` and `assets/`).
pub fn configure(dir: PathBuf) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        let index = dir.join("index.html");
        cfg.service(
            web::scope("/assets")
                .wrap(DefaultHeaders::new().add((CACHE_CONTROL, IMMUTABLE)))
                .service(Files::new("", dir.join("assets"))),
        )
        .service(web::scope("").wrap(DefaultHeaders::new().add((CACHE_CONTROL, REVALIDATE))).service(
            Files::new("/", &dir).index_file("index.html").default_handler(fn_service(move |req: ServiceRequest| {
                let index = index.clone();
                async move { serve_index(req, &index).await }
            })),
        ));
    }
}

async fn serve_index(req: ServiceRequest, index: &Path) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let mut response = NamedFile::open_async(index).await?.into_response(&req);
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    Ok(ServiceResponse::new(req, response))
}

/// Whether `dir` holds a built console.
pub fn is_built(dir: &Path) -> bool {
    dir.join("index.html").is_file()
}
