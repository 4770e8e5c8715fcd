//! Background work for Tandem: job definitions, queue backends, the worker and the scheduler.
//! The queue arrives with the first background job; until then nothing runs in the background
//! and `tandem serve` is the API alone.
