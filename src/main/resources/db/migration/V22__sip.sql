-- The SIP channel hands an answered call to the agent's SIP URI (3PCC or REFER).
ALTER TABLE agent ADD COLUMN sip_uri VARCHAR(2000);

-- One row per SIP trunk: the earliest instant the next call may start (OUTBOUND_SIP_CPS), and the
-- row every node locks while it counts the calls in progress (OUTBOUND_SIP_MAX_CALLS).
CREATE TABLE sip_pace (
    trunk    VARCHAR(500) PRIMARY KEY,
    next_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The SIP calls in progress on any node, by the Call-ID of the callee's leg; a call's row goes
-- when it ends, or when reconciliation settles the attempt of a node that died.
CREATE TABLE sip_call (
    call_id     VARCHAR(200) PRIMARY KEY,
    trunk       VARCHAR(500) NOT NULL,
    request_id  BIGINT NOT NULL,
    attempt_no  INT NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sip_call_trunk ON sip_call (trunk);
CREATE INDEX sip_call_request ON sip_call (request_id, attempt_no);
