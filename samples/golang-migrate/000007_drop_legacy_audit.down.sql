CREATE TABLE legacy_audit (id bigserial PRIMARY KEY, payload json);
