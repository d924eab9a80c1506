-- An interpreted caller on Twilio waits for their agent in their own conference, not in a Twilio queue:
-- agent delivery then calls the agent into that conference instead of dequeuing the caller
-- (docs/AGENTS.md, "Interpreted callers"). Portable SQL (H2 2.x and PostgreSQL 15).
ALTER TABLE presence_caller ADD COLUMN in_conference BOOLEAN DEFAULT FALSE NOT NULL;
