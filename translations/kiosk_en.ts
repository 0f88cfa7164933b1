<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message numerus="yes">
        <source>%n digit(s) typed</source>
        <translation>
            <numerusform>%n digit typed</numerusform>
            <numerusform>%n digits typed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message numerus="yes">
        <source>Going back to the start in %n second(s). Your plan will be cleared.</source>
        <translation>
            <numerusform>Going back to the start in %n second. Your plan will be cleared.</numerusform>
            <numerusform>Going back to the start in %n seconds. Your plan will be cleared.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TipsPage</name>
    <message numerus="yes">
        <source>%n tip(s). Each opens why it matters and what to do.</source>
        <translation>
            <numerusform>%n tip. It opens why it matters and what to do.</numerusform>
            <numerusform>%n tips. Each opens why it matters and what to do.</numerusform>
        </translation>
    </message>
</context>
</TS>
