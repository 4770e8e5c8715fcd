//! How fast one process hands messages to the SMTP server: at most a set number a second
//! (providers throttle, and refuse senders that ignore it), and slower when the server asks
//! (a 4xx answer such as 421 or 451: "try again later"), so that a busy server gets time
//! rather than the next messages at once.
//!
//! One instant is the earliest the next message may start. Each message takes that slot and
//! moves it on by one interval (1 / messages a second); a "slow down" answer moves it past a
//! pause that doubles with each such answer after the last pause ended (1 s, 2 s, … a minute)
//! and starts from a second again once the server takes a message. Answers to messages that
//! were already under way during a pause do not lengthen it: eight connections failing at
//! once are one "slow down", not eight.

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// The first pause after a "slow down" answer.
pub const FIRST_PAUSE: Duration = Duration::from_secs(1);
/// The longest pause: a server that keeps asking is asked again every minute.
pub const LONGEST_PAUSE: Duration = Duration::from_secs(60);

pub struct Pace {
    /// Between two messages; none without a rate.
    interval: Option<Duration>,
    state: Mutex<State>,
}

struct State {
    /// The earliest the next message may start.
    next: Instant,
    /// When the last pause ends.
    paused_until: Instant,
    /// The next pause's length.
    pause: Duration,
}

impl Pace {
    /// At most `per_second` messages a second, or as fast as they come without it.
    pub fn new(per_second: Option<NonZeroU32>) -> Self {
        let now = Instant::now();
        Self {
            interval: per_second.map(|n| Duration::from_secs(1) / n.get()),
            state: Mutex::new(State { next: now, paused_until: now, pause: FIRST_PAUSE }),
        }
    }

    /// Waits for this message's turn.
    pub async fn turn(&self) {
        let at = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            let at = state.next.max(Instant::now());
            state.next = at + self.interval.unwrap_or_default();
            at
        };
        tokio::time::sleep_until(at).await;
    }

    /// The server asked to slow down: no message starts before the pause is over. Returns the
    /// pause, or `None` when one is already running.
    pub fn slow_down(&self) -> Option<Duration> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if now < state.paused_until {
            return None;
        }
        let pause = state.pause;
        state.paused_until = now + pause;
        state.next = state.next.max(state.paused_until);
        state.pause = (pause * 2).min(LONGEST_PAUSE);
        Some(pause)
    }

    /// The server took a message: the next "slow down" pauses for a second again.
    pub fn recovered(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).pause = FIRST_PAUSE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The clock is tokio's paused one: time moves only when every task waits, so these
    // durations are exact, whatever the machine is doing.

    #[tokio::test(start_paused = true)]
    async fn messages_go_no_faster_than_the_rate() {
        let pace = Pace::new(NonZeroU32::new(5));
        let start = Instant::now();
        for _ in 0..11 {
            pace.turn().await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(2), "the first at once, then one every 200 ms");
    }

    #[tokio::test(start_paused = true)]
    async fn without_a_rate_nothing_waits() {
        let pace = Pace::new(None);
        let start = Instant::now();
        for _ in 0..1000 {
            pace.turn().await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_down_answer_pauses_every_next_message_and_pauses_grow_until_the_server_recovers() {
        let pace = Pace::new(None);
        let start = Instant::now();
        assert_eq!(pace.slow_down(), Some(FIRST_PAUSE));
        assert_eq!(pace.slow_down(), None, "answers during a pause are the same slow down");
        pace.turn().await;
        assert_eq!(start.elapsed(), FIRST_PAUSE);

        let mut pauses = Vec::new();
        for _ in 0..8 {
            pauses.push(pace.slow_down().unwrap().as_secs());
            pace.turn().await;
        }
        assert_eq!(pauses, [2, 4, 8, 16, 32, 60, 60, 60]);

        pace.recovered();
        assert_eq!(pace.slow_down(), Some(FIRST_PAUSE));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_senders_share_the_rate() {
        let pace = std::sync::Arc::new(Pace::new(NonZeroU32::new(10)));
        let start = Instant::now();
        let senders: Vec<_> = (0..4)
            .map(|_| {
                let pace = std::sync::Arc::clone(&pace);
                tokio::spawn(async move {
                    for _ in 0..5 {
                        pace.turn().await;
                    }
                })
            })
            .collect();
        for sender in senders {
            sender.await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::from_millis(1900), "20 messages at 10 a second");
    }
}
