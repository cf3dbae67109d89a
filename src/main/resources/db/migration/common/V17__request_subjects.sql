-- What a request that is not about a person is about (a catalogue, a licence), so the same thing is
-- not asked twice while a ticket for it is still to decide.
alter table change_request add column subject_key varchar(100);
