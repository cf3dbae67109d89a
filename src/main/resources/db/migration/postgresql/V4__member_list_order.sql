-- The member list's default order (last name, first name) read from an index in the database's
-- own collation, so the first page of a large organization stops after 50 rows instead of
-- sorting every member. The text_pattern_ops indexes of V2 serve prefix search but cannot order.
create index membership_org_name_order on membership (organization_id, last_name_key, first_name_key, id);
