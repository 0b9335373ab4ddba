-- Our transcription of ept/hermitage, mysql.md: repeatable read does not
-- prevent PMP for write predicates.
-- anomaly: PMP
-- level: rr
-- prevented: no
set session transaction isolation level repeatable read; begin; -- T1
set session transaction isolation level repeatable read; begin; -- T2
update test set value = value + 10; -- T1
select * from test where value = 20; -- T2 [-> 2 => 20] [anomaly if 2 => 20]
delete from test where value = 20; -- T2 [blocks]
commit; -- T1
select * from test; -- T2 [-> 2 => 20] [anomaly unless 1 => 10]
commit; -- T2
