-- Call records: one row per call, from the events the front doors report (docs/RECORDS.md).
-- Portable SQL: the same script runs on H2 2.x and PostgreSQL 15. Times are UTC instants;
-- durations are milliseconds. No raw caller number is ever stored: caller_hash is an HMAC.
CREATE TABLE call_record (
    call_id                VARCHAR(128) NOT NULL PRIMARY KEY,
    door                   VARCHAR(32),
    started_at             TIMESTAMP WITH TIME ZONE,
    ivr_ended_at           TIMESTAMP WITH TIME ZONE,
    last_ivr_at            TIMESTAMP WITH TIME ZONE,
    queue_left_at          TIMESTAMP WITH TIME ZONE,
    ended_at               TIMESTAMP WITH TIME ZONE,
    caller_hash            VARCHAR(64),
    region                 VARCHAR(64),
    region_source          VARCHAR(32),
    caller_language        VARCHAR(35),
    need                   VARCHAR(64),
    menu_path              VARCHAR(2000),
    outcome                VARCHAR(32),
    queue_name             VARCHAR(128),
    centre                 VARCHAR(64),
    ivr_ms                 BIGINT,
    queue_ms               BIGINT,
    queue_status           VARCHAR(16),
    answered               BOOLEAN NOT NULL DEFAULT FALSE,
    abandoned_in           VARCHAR(8),
    agent                  VARCHAR(128),
    handle_ms              BIGINT,
    interpreter_provider   VARCHAR(64),
    interpreter_language   VARCHAR(35),
    interpreter_connect_ms BIGINT,
    interpreter_ms         BIGINT,
    interpreter_attempts   INTEGER NOT NULL DEFAULT 0,
    transfer_to            VARCHAR(128),
    closed_reason          VARCHAR(200),
    engine_error           BOOLEAN NOT NULL DEFAULT FALSE,
    callback_requested     BOOLEAN NOT NULL DEFAULT FALSE,
    recording              VARCHAR(1000),
    callback_handled_at    TIMESTAMP WITH TIME ZONE,
    callback_handled_by    VARCHAR(128),
    callback_outcome       VARCHAR(32),
    first_event_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX call_record_started ON call_record (started_at);
CREATE INDEX call_record_first_event ON call_record (first_event_at);
CREATE INDEX call_record_callbacks ON call_record (callback_requested, callback_handled_at);

-- Every event applied, by its id: a replayed event (journal after a crash or an outage) is skipped.
CREATE TABLE applied_event (
    event_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    call_id    VARCHAR(128) NOT NULL,
    event_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX applied_event_at ON applied_event (event_at);

-- The agent's coding of a call: each need (our need ids, optionally a 211 taxonomy code), met or not.
CREATE TABLE call_need (
    call_id    VARCHAR(128) NOT NULL,
    seq        INTEGER NOT NULL,
    need       VARCHAR(64) NOT NULL,
    taxonomy   VARCHAR(64),
    met        BOOLEAN NOT NULL,
    reason     VARCHAR(32),
    coded_by   VARCHAR(128) NOT NULL,
    coded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (call_id, seq)
);

-- Where the agent referred the caller, per need.
CREATE TABLE call_referral (
    call_id     VARCHAR(128) NOT NULL,
    seq         INTEGER NOT NULL,
    need        VARCHAR(64) NOT NULL,
    referred_to VARCHAR(200) NOT NULL,
    PRIMARY KEY (call_id, seq)
);
