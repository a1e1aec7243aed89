-- With a reuse grace period, a spent token may be presented again for a short while; the token it was
-- replaced by is then replaced in turn, so the family stays one chain. This is the link to that token.
alter table refresh_token add column successor_hash bytea;
