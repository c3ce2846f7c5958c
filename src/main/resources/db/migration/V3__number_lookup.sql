-- Twilio Lookup answers per number, reused for OUTBOUND_TWILIO_LOOKUP_TTL so a number that is in
-- many batches is looked up (and paid for) once.
CREATE TABLE number_lookup (
    e164        VARCHAR(20) PRIMARY KEY,
    line_type   VARCHAR(32),
    enrichment  VARCHAR(2000) NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
