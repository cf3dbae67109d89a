-- Counts every change to who holds access in an organization (a right granted or withdrawn, a
-- membership blocked or removed, an account disabled): a count of seats in use made at one value
-- still holds while it has not moved, so the Licenses page need not count the members again.
alter table organization add column access_version bigint not null default 0;

-- Seats used are counted from an application's rights to the members holding them, and a machine
-- activating again is found by its licence and fingerprint: an index for each way in.
create index membership_right_by_right on membership_right (right_id, membership_id);
create index activation_machine on activation (licence_id, fingerprint);
