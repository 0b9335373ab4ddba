-- Our transcription of ept/hermitage, mysql.md: read committed does not
-- prevent PMP for write predicates (the example of the PostgreSQL
-- manual): T2's delete removes id 1, which its own read showed as 10.
-- anomaly: PMP
-- level: rc
-- prevented: no
set session transaction isolation level read committed; begin; -- T1
set session transaction isolation level read committed; begin; -- T2
update test set value = value + 10; -- T1
select * from test; -- T2 [-> 1 => 10, 2 => 20] [anomaly if 1 => 10, 2 => 20]
delete from test where value = 20; -- T2 [blocks]
commit; -- T1
select * from test; -- T2 [-> 2 => 30] [anomaly unless 1 => 10]
commit; -- T2
