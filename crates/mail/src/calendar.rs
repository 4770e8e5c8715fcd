//! iCalendar invitations (RFC 5545, with the iTIP methods of RFC 5546) for the emails that put
//! something in people's calendars: a program's kickoff and a planned session.
//!
//! Times are written in UTC (`DTSTART:20270115T010000Z`), which every calendar reads as one
//! exact instant and shows in its owner's own zone; the event's zone, as the organiser chose
//! it, travels as `X-WR-TIMEZONE` and in the description. A change keeps the `UID` and raises
//! `SEQUENCE`, so calendars replace the event rather than add a second; a cancellation is
//! `METHOD:CANCEL` with `STATUS:CANCELLED` and the same `UID`.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

/// What the calendar is asked to do with the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Add or update the event.
    Request,
    /// Remove it.
    Cancel,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// Someone named in an invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub email: String,
}

/// One event as one attendee's invitation carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    /// Stable for the event's whole life (e.g. `kickoff-<id>@tandem`).
    pub uid: String,
    /// Raised on every change and on cancelling.
    pub sequence: u32,
    pub method: Method,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub url: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The zone the organiser set the event in (IANA name).
    pub time_zone: String,
    pub organizer: Party,
    pub attendee: Party,
    /// When this version was made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
}

/// The `text/calendar` body of an invitation.
pub fn ics(invitation: &Invitation) -> String {
    let mut event = icalendar::Event::new();
    event
        .uid(&invitation.uid)
        .sequence(invitation.sequence)
        .timestamp(invitation.stamp)
        .starts(invitation.starts_at)
        .ends(invitation.ends_at)
        .summary(&invitation.summary)
        .description(&invitation.description)
        .status(match invitation.method {
            Method::Request => EventStatus::Confirmed,
            Method::Cancel => EventStatus::Cancelled,
        });
    if let Some(location) = &invitation.location {
        event.location(location);
    }
    if let Some(url) = &invitation.url {
        event.url(url);
    }
    event.append_property(
        Property::new("ORGANIZER", format!("mailto:{}", invitation.organizer.email))
            .add_parameter("CN", &invitation.organizer.name)
            .done(),
    );
    event.append_multi_property(
        Property::new("ATTENDEE", format!("mailto:{}", invitation.attendee.email))
            .add_parameter("CN", &invitation.attendee.name)
            .add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter("PARTSTAT", "NEEDS-ACTION")
            .add_parameter("RSVP", "FALSE")
            .done(),
    );
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Tandem//Mentoring programs//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", invitation.method.as_str()))
        .append_property(Property::new("X-WR-TIMEZONE", &invitation.time_zone))
        .push(event.done());
    calendar.done().to_string()
}

/// The method an `.ics` body declares, for the MIME part's `method` parameter.
pub fn method_of(ics: &str) -> Option<&str> {
    ics.lines().find_map(|line| line.strip_prefix("METHOD:")).map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kickoff(method: Method, sequence: u32) -> Invitation {
        Invitation {
            uid: "kickoff-0193@tandem".into(),
            sequence,
            method,
            summary: "キックオフ: デジタルスキルのリバースメンタリング".into(),
            description: "Agenda; roles, first meeting\n(Asia/Tokyo)".into(),
            location: Some("本社 12F, Room A".into()),
            url: Some("https://meet.example/kickoff".into()),
            starts_at: "2027-01-15T01:00:00Z".parse().unwrap(),
            ends_at: "2027-01-15T02:30:00Z".parse().unwrap(),
            time_zone: "Asia/Tokyo".into(),
            organizer: Party { name: "Sakura Industries".into(), email: "no-reply@tandem.test".into() },
            attendee: Party { name: "Aiko Tanaka".into(), email: "aiko@sakura.example".into() },
            stamp: "2027-01-02T00:00:00Z".parse().unwrap(),
        }
    }

    /// The content lines with RFC 5545's folding undone.
    fn unfolded(ics: &str) -> String {
        ics.replace("\r\n ", "").replace("\r\n\t", "")
    }

    #[test]
    fn a_request_carries_method_uid_sequence_organizer_and_utc_times() {
        let ics = ics(&kickoff(Method::Request, 2));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
        assert!(ics.contains("\r\nMETHOD:REQUEST\r\n"), "{ics}");
        let lines = unfolded(&ics);
        for expected in [
            "UID:kickoff-0193@tandem",
            "SEQUENCE:2",
            "DTSTART:20270115T010000Z",
            "DTEND:20270115T023000Z",
            "DTSTAMP:20270102T000000Z",
            "STATUS:CONFIRMED",
            "ORGANIZER;CN=Sakura Industries:mailto:no-reply@tandem.test",
            "X-WR-TIMEZONE:Asia/Tokyo",
            "LOCATION:本社 12F\\, Room A",
        ] {
            assert!(lines.contains(expected), "{expected} missing in {lines}");
        }
        assert!(lines.contains("ATTENDEE;") && lines.contains("CN=Aiko Tanaka") && lines.contains(":mailto:aiko@sakura.example"));
        assert!(lines.contains("DESCRIPTION:Agenda\\; roles\\, first meeting\\n(Asia/Tokyo)"), "{lines}");
        assert_eq!(method_of(&ics), Some("REQUEST"));
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_says_so() {
        let ics = unfolded(&ics(&kickoff(Method::Cancel, 3)));
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"), "{ics}");
        assert!(ics.contains("UID:kickoff-0193@tandem") && ics.contains("SEQUENCE:3"), "{ics}");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets() {
        let mut long = kickoff(Method::Request, 0);
        long.description = "長い説明".repeat(40);
        let ics = ics(&long);
        assert!(ics.split("\r\n").all(|line| line.len() <= 75), "{ics}");
        assert!(unfolded(&ics).contains(&"長い説明".repeat(40)));
    }
}
