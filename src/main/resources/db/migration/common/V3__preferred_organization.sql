-- The organization a person last worked on, so the portal opens there next time.
alter table user_account add column preferred_organization_id uuid;
