create index membership_org_last_name on membership (organization_id, last_name_key, first_name_key);
create index membership_org_first_name on membership (organization_id, first_name_key);
create index membership_org_email on membership (organization_id, email_key);
create index membership_org_login on membership (organization_id, login_key);
