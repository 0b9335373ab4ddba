-- Our transcription of ept/hermitage, mysql.md: read committed does not
-- prevent Predicate-Many-Preceders (PMP).
-- anomaly: PMP
-- level: rc
-- prevented: no
-- read-only
set session transaction isolation level read committed; begin; -- T1
set session transaction isolation level read committed; begin; -- T2
select * from test where value = 30; -- T1 [-> (no rows)]
insert into test (id, value) values(3, 30); -- T2
commit; -- T2
select * from test where value % 3 = 0; -- T1 [-> 3 => 30] [anomaly unless (no rows)]
commit; -- T1
