-- The version of the terms of use a person accepted when registering, beside when they did.
-- Everyone who accepted before versions were recorded accepted the first and only text: version 1.
alter table user_account add column terms_version varchar(32);
update user_account set terms_version = '1' where terms_accepted_at is not null;
