-- Our transcription of ept/hermitage, postgres.md: read committed
-- prevents Observed Transaction Vanishes (OTV).
-- anomaly: OTV
-- level: rc
-- prevented: yes
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
begin; set transaction isolation level read committed; -- T3
update test set value = 11 where id = 1; -- T1
update test set value = 19 where id = 2; -- T1
update test set value = 12 where id = 1; -- T2 [blocks]
commit; -- T1
select * from test where id = 1; -- T3 [-> 1 => 11]
update test set value = 18 where id = 2; -- T2
select * from test where id = 2; -- T3 [-> 2 => 19]
commit; -- T2
select * from test where id = 2; -- T3 [-> 2 => 18] [anomaly if 2 => 18]
select * from test where id = 1; -- T3 [-> 1 => 12] [anomaly if 1 => 11]
commit; -- T3
