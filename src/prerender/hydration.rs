//! What hydration needs from a prerendered page: a copy of everything the
//! server's shared context tells the browser (each piece of data it
//! serializes, and the suspense boundaries that went out showing their
//! fallback), carried in the page as a JSON block, which does not run
//! (`app::hand_over_hydration_data` reads it).

use hydration_context::{
    PinnedFuture, PinnedStream, SerializedDataId, SharedContext, SsrSharedContext,
};
use std::sync::{Arc, Mutex};

/// The server's shared context, keeping a copy of what it tells the
/// browser (each piece of data it serializes, and the suspense boundaries
/// that went out showing their fallback), so the page can carry it as JSON.
pub(super) struct RecordingContext {
    pub(super) inner: SsrSharedContext,
    pub(super) written: Arc<Mutex<Vec<(usize, String)>>>,
    pub(super) incomplete: Arc<Mutex<Vec<usize>>>,
}

impl std::fmt::Debug for RecordingContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordingContext").finish_non_exhaustive()
    }
}

impl SharedContext for RecordingContext {
    fn is_browser(&self) -> bool {
        self.inner.is_browser()
    }
    fn next_id(&self) -> SerializedDataId {
        self.inner.next_id()
    }
    fn write_async(&self, id: SerializedDataId, fut: PinnedFuture<String>) {
        let written = Arc::clone(&self.written);
        let index = id.clone().into_inner();
        self.inner.write_async(
            id,
            Box::pin(async move {
                let data = fut.await;
                written
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((index, data.clone()));
                data
            }),
        );
    }
    fn read_data(&self, id: &SerializedDataId) -> Option<String> {
        self.inner.read_data(id)
    }
    fn await_data(&self, id: &SerializedDataId) -> Option<String> {
        self.inner.await_data(id)
    }
    fn pending_data(&self) -> Option<PinnedStream<String>> {
        self.inner.pending_data()
    }
    fn during_hydration(&self) -> bool {
        self.inner.during_hydration()
    }
    fn hydration_complete(&self) {
        self.inner.hydration_complete();
    }
    fn get_is_hydrating(&self) -> bool {
        self.inner.get_is_hydrating()
    }
    fn set_is_hydrating(&self, is_hydrating: bool) {
        self.inner.set_is_hydrating(is_hydrating);
    }
    fn take_errors(&self) -> Vec<(SerializedDataId, throw_error::ErrorId, throw_error::Error)> {
        self.inner.take_errors()
    }
    fn errors(
        &self,
        boundary_id: &SerializedDataId,
    ) -> Vec<(throw_error::ErrorId, throw_error::Error)> {
        self.inner.errors(boundary_id)
    }
    fn seal_errors(&self, boundary_id: &SerializedDataId) {
        self.inner.seal_errors(boundary_id);
    }
    fn register_error(
        &self,
        error_boundary: SerializedDataId,
        error_id: throw_error::ErrorId,
        error: throw_error::Error,
    ) {
        self.inner.register_error(error_boundary, error_id, error);
    }
    fn defer_stream(&self, wait_for: PinnedFuture<()>) {
        self.inner.defer_stream(wait_for);
    }
    fn await_deferred(&self) -> Option<PinnedFuture<()>> {
        self.inner.await_deferred()
    }
    fn set_incomplete_chunk(&self, id: SerializedDataId) {
        self.incomplete
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(id.clone().into_inner());
        self.inner.set_incomplete_chunk(id);
    }
    fn get_incomplete_chunk(&self, id: &SerializedDataId) -> bool {
        self.inner.get_incomplete_chunk(id)
    }
}

impl RecordingContext {
    pub(super) fn new() -> Self {
        RecordingContext {
            inner: SsrSharedContext::new(),
            written: Arc::default(),
            incomplete: Arc::default(),
        }
    }

    /// What was recorded, as the page's JSON block.
    pub(super) fn to_json(&self) -> String {
        hydration_data_json(
            &self.written.lock().unwrap_or_else(|e| e.into_inner()),
            &self.incomplete.lock().unwrap_or_else(|e| e.into_inner()),
        )
    }
}

/// What hydration needs, as JSON: `resources`, the serialized data indexed
/// by id, and `incomplete`, the ids of the suspense boundaries that went
/// out showing their fallback; `<` escaped, so that nothing in it can end
/// the element it is in.
fn hydration_data_json(written: &[(usize, String)], incomplete: &[usize]) -> String {
    let size = written
        .iter()
        .map(|(index, _)| index + 1)
        .max()
        .unwrap_or(0);
    let mut resources = vec![serde_json::Value::Null; size];
    for (index, data) in written {
        if let Some(slot) = resources.get_mut(*index) {
            *slot = serde_json::Value::String(data.clone());
        }
    }
    serde_json::json!({ "resources": resources, "incomplete": incomplete })
        .to_string()
        .replace('<', "\\u003c")
}
