create table item (
    id         uuid          primary key,
    owner      uuid          not null,
    title      varchar(200)  not null,
    body       varchar(10000) not null default '',
    visibility varchar(8)    not null check (visibility in ('private', 'public')),
    created_at timestamptz   not null,
    updated_at timestamptz   not null,
    version    integer       not null
);
create index item_owner_created on item (owner, created_at desc);
create index item_public_created on item (created_at desc) where visibility = 'public';
